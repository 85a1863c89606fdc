'use client';

import { Alert } from '@/components/ui/alert';
import { ApiError, formLevelIssues } from '@/components/api-fetch';

/** The error at the top of a form: the API's message and any issue that names no field shown in the form. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong';
  const extra = formLevelIssues(error, fields);
  const hasFieldErrors = error instanceof ApiError && Object.keys(error.fieldErrors).some((f) => fields.includes(f));
  return (
    <Alert tone="error" title={message} className="mb-4">
      {extra.length > 0 && (
        <ul className="list-disc pl-5">
          {extra.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {hasFieldErrors && <p>Check the fields marked below.</p>}
    </Alert>
  );
}

/** A field's message from an API error, if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}
