import type { z } from 'zod';
import { VendorError } from './errors';

// Reading a vendor's body: JSON checked against the client's zod schema, so
// an unexpected shape fails with the endpoint and the first problem named.

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The first problem of a zod error, e.g. `[3].organizationId: Invalid input: expected number, received string`. */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return `${formatPath(issue.path)}: ${issue.message}`;
}

export interface ParsePayloadOptions {
  /** Value used for a zero-byte body; without it an empty body is invalid. */
  emptyValue?: unknown;
  /** Extra words naming what was fetched, e.g. `page 3`. */
  context?: string;
}

/**
 * Parses a vendor body with zod. An unexpected shape throws a VendorError
 * `invalid_payload` naming the endpoint and the first problem.
 */
export function parsePayload<T>(
  vendor: string,
  endpoint: string,
  body: string,
  schema: z.ZodType<T>,
  options: ParsePayloadOptions = {},
): T {
  const where = options.context ? `${endpoint} (${options.context})` : endpoint;
  const fail = (message: string, cause?: unknown) =>
    new VendorError({ vendor, kind: 'invalid_payload', endpoint, message, cause });
  let value: unknown;
  if (body.trim() === '') {
    if (!('emptyValue' in options)) throw fail(`${vendor} sent an empty response from ${where}.`);
    value = options.emptyValue;
  } else {
    try {
      value = JSON.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw fail(`${vendor} sent malformed JSON from ${where}: ${reason}.`, error);
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw fail(`${vendor} sent an unexpected response from ${where}: ${describeFirstIssue(result.error)}.`, result.error);
  }
  return result.data;
}
