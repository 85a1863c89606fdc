// Calls the /api/v1 endpoints from client components. Failures become an
// ApiError carrying the body's message, details and per-field messages.

export type FieldIssue = { path: string | null; code: string; message: string };

/** An API error: the body's message, and per-field messages for forms. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | null;
  /** Field name → first message, from 422 details (and 409 details naming a field). */
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, body: { error?: string; message?: string; details?: unknown; request_id?: string } | null) {
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

/** Messages of 422 details that name no field, for the form's top. */
export function formLevelIssues(error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as FieldIssue[]).filter((i) => !i?.path || !fields.includes(i.path)).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

export async function apiFetch<T>(path: string, init: Omit<RequestInit, 'body'> & { json?: unknown } = {}): Promise<T> {
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
    throw new ApiError(res.status, body as ConstructorParameters<typeof ApiError>[1]);
  }
  return body as T;
}
