// The one error every vendor call ends in, with a kind a caller can act on
// (retry later, fix the credentials, report the payload) and a message an
// operator can read.

export type VendorErrorKind =
  | 'auth'
  | 'rate_limit'
  | 'server'
  | 'timeout'
  | 'invalid_payload'
  | 'network'
  | 'client';

export interface VendorErrorInit {
  vendor: string;
  kind: VendorErrorKind;
  message: string;
  status?: number | null;
  /** `METHOD /path` of the failing call, without the query string. */
  endpoint?: string | null;
  /** What the vendor asked us to wait (429/503 Retry-After), in ms. */
  retryAfterMs?: number | null;
  attempts?: number;
  cause?: unknown;
}

export class VendorError extends Error {
  override readonly name = 'VendorError';
  readonly vendor: string;
  readonly kind: VendorErrorKind;
  readonly status: number | null;
  readonly endpoint: string | null;
  readonly retryAfterMs: number | null;
  readonly attempts: number;

  constructor(init: VendorErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.vendor = init.vendor;
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.endpoint = init.endpoint ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.attempts = init.attempts ?? 1;
  }

  /** Whether trying again later can help (a job queue may reschedule). */
  get isTransient(): boolean {
    return isRetryableKind(this.kind);
  }
}

export function isVendorError(error: unknown): error is VendorError {
  return error instanceof VendorError;
}

export function isRetryableKind(kind: VendorErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'server' || kind === 'timeout' || kind === 'network';
}

const WHAT_HAPPENED: Partial<Record<VendorErrorKind, string>> = {
  auth: 'refused the credentials',
  rate_limit: 'is rate-limiting requests',
  server: 'had a server error',
};

/** The error for a non-2xx, non-redirect answer, in the vendor's own words where it gave some. */
export function statusError(vendor: string, status: number, endpoint: string, body: string, retryAfterMs: number | null): VendorError {
  const kind = kindForStatus(status);
  const detail = extractVendorMessage(body);
  const message = `${vendor} ${WHAT_HAPPENED[kind] ?? 'rejected the request'} (HTTP ${status} on ${endpoint})${detail ? `: ${detail}` : ''}.`;
  return new VendorError({ vendor, kind, status, endpoint, retryAfterMs, message });
}

function kindForStatus(status: number): VendorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'client';
}

/** The vendor's own words from an error body, if any (JSON fields or text). */
export function extractVendorMessage(body: string): string | null {
  const text = body.trim();
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined; // not JSON: the text itself is the message
  }
  if (value !== undefined) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const pick = (key: string) => (typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : null);
      const error = pick('error');
      const description = pick('error_description');
      if (error && description) return clip(`${error}: ${description}`);
      for (const key of ['error_description', 'errorMessage', 'message', 'Message', 'error', 'code', 'resultCode']) {
        const found = pick(key);
        if (found) return clip(found);
      }
    }
    return null; // JSON without a message field says nothing useful
  }
  if (text.startsWith('<')) return null; // an HTML error page says nothing useful
  return clip(text.replace(/\s+/g, ' '));
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
