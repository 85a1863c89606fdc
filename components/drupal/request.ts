// Calls the /api/v1 endpoints from client components: the envelope's data,
// or an Error carrying the API's message and per-field messages.

export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as { data?: T; message?: string; details?: unknown } | null;
  if (!res.ok) {
    const fields: Record<string, string> = {};
    if (Array.isArray(json?.details)) {
      for (const issue of json.details as { path?: string | null; message?: string }[]) {
        if (issue.path && issue.message && !fields[issue.path]) fields[issue.path] = issue.message;
      }
    } else if (json?.details && typeof json.details === 'object' && 'field' in json.details) {
      fields[String((json.details as { field: unknown }).field)] = json.message ?? 'Invalid';
    }
    throw new RequestError(json?.message ?? `Request failed (${res.status})`, res.status, fields);
  }
  return json?.data as T;
}
