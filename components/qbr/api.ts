'use client';

// The QBR forms' calls to the API: JSON in, the error format's message and
// per-field details out.

export class QbrApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: { path: string | null; message: string }[],
  ) {
    super(message);
  }
}

export async function qbrRequest<T>(path: string, method: 'POST' | 'PUT', body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new QbrApiError('Could not reach the server; check your connection and try again', 0, []);
  }
  const json = (await res.json().catch(() => null)) as { data?: T; message?: string; details?: unknown } | null;
  if (!res.ok) {
    const details = Array.isArray(json?.details) ? (json.details as { path: string | null; message: string }[]) : [];
    throw new QbrApiError(json?.message ?? `Request failed (${res.status})`, res.status, details);
  }
  return json?.data as T;
}

/** One line per problem, naming the field when there is one. */
export function describeError(error: unknown): string[] {
  if (error instanceof QbrApiError) return error.details.length > 0 ? error.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)) : [error.message];
  return [error instanceof Error ? error.message : 'Something went wrong'];
}
