import { z } from 'zod';

// Messages that people read beside a form field or in an API error, instead
// of zod's terse defaults ("Too small: expected string to have >=1 characters").
// Messages written in a schema still win.

let configured = false;

export function configureValidationMessages(): void {
  if (configured) return;
  configured = true;
  z.config({
    customError: (issue) => {
      switch (issue.code) {
        case 'too_small':
          if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Required' : `Must be at least ${issue.minimum} characters`;
          if (issue.origin === 'array') return `Must have at least ${issue.minimum} items`;
          return `Must be at least ${issue.minimum}`;
        case 'too_big':
          if (issue.origin === 'string') return `Must be at most ${issue.maximum} characters`;
          if (issue.origin === 'array') return `Must have at most ${issue.maximum} items`;
          return `Must be at most ${issue.maximum}`;
        case 'invalid_type':
          return issue.input === undefined ? 'Required' : `Must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
        case 'invalid_value':
          return `Must be one of: ${issue.values.map(String).join(', ')}`;
        case 'unrecognized_keys':
          return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
        case 'invalid_format':
          return issue.format === 'email' ? 'Must be a valid e-mail address' : `Must be a valid ${issue.format}`;
        default:
          return undefined;
      }
    },
  });
}

configureValidationMessages();
