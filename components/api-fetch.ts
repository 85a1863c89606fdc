// The browser's one client for our API (the session cookie authenticates).
// Success bodies come back as the route sends them: the envelope
// `{ data, … }` of /api/v1 and /api/qbr, or the seed's plain JSON of the
// inventory endpoints. Every failure, on every route, has the same error body
// and becomes an ApiError; the helpers below turn one into words.

export type FieldIssue = { path: string | null; code?: string; message: string };
type ErrorBody = { error?: string; message?: string; details?: unknown; request_id?: string };

/** An API error: the body's code, message and details, and per-field messages for forms. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;
  /** Field name → first message, from 422 details (and 409 details naming a field). */
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, body: ErrorBody | null) {
    super(body?.message ?? `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error ?? 'unknown';
    this.details = body?.details ?? null;
    this.requestId = body?.request_id ?? null;
    this.fieldErrors = fieldErrorsOf(this.details, this.message);
  }
}

function fieldErrorsOf(details: unknown, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const issue of details as FieldIssue[]) {
      const key = issue?.path ?? '';
      if (key && !out[key]) out[key] = issue.message;
    }
  } else if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
    out[(details as { field: string }).field] = message;
  }
  return out;
}

/** Messages of 422 details that name no field of `fields`, for the form's top ("path: message" when there is a path). */
export function formLevelIssues(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as FieldIssue[]).filter((i) => !i?.path || !fields.includes(i.path)).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

/** One line per problem, naming the field when there is one; the message when the details list none. */
export function describeIssues(error: unknown): string[] {
  const issues = formLevelIssues(error, []);
  if (issues.length > 0) return issues;
  return [error instanceof Error ? error.message : 'Something went wrong'];
}

/** A sentence for a failed action on a row; a 409 means someone else changed the row first. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 409) return `${error.message}. Someone else changed it meanwhile; the list now shows the current state.`;
    if (error.status === 404) return `${error.message}. It may have been removed, or it belongs to another organisation.`;
    if (error.status === 403) return 'Your role does not allow this action.';
    return error.message;
  }
  return error instanceof Error ? error.message : 'The action failed';
}

type ApiInit = Omit<RequestInit, 'body'> & { json?: unknown };

/** The response body as JSON; an ApiError when the status is not 2xx or the server cannot be reached. */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { Accept: 'application/json', ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new ApiError(0, { message: 'Could not reach the server; check your connection and try again' });
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (res.status === 401) throw new ApiError(401, { ...(body as object), message: 'Your session has ended; sign in again' });
    throw new ApiError(res.status, body as ErrorBody | null);
  }
  return body as T;
}
