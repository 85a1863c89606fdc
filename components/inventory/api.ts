// Calls to the inventory API from the browser (the session cookie
// authenticates), with the API's error format turned into an Error.

export class InventoryApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: { error?: string; message?: string; details?: unknown } | null) {
    super(body?.message ?? `Request failed (${status})`);
    this.name = 'InventoryApiError';
    this.status = status;
    this.code = body?.error ?? 'unknown';
    this.details = body?.details ?? null;
  }
}

export async function apiJson<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) throw new InventoryApiError(res.status, json as never);
  return json as T;
}

/** A sentence for a failed action; a 409 means someone else changed the row first. */
export function describeFailure(error: unknown): string {
  if (error instanceof InventoryApiError) {
    if (error.status === 409) return `${error.message}. Someone else changed it meanwhile; the list now shows the current state.`;
    if (error.status === 404) return `${error.message}. It may have been removed, or it belongs to another organisation.`;
    if (error.status === 403) return 'Your role does not allow this action.';
    return error.message;
  }
  return error instanceof Error ? error.message : 'The action failed';
}
