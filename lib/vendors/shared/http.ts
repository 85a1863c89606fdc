import type { z } from 'zod';

// The one HTTP path every vendor client goes through: per-attempt timeout,
// retries with backoff and jitter on 429/5xx/network errors (honouring
// Retry-After), a concurrency bound, and one error class with messages an
// operator can act on. Vendor-neutral on purpose: NinjaOne, ThreatLocker,
// ConnectWise and QuickBooks clients all build on it.

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

function isRetryableKind(kind: VendorErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'server' || kind === 'timeout' || kind === 'network';
}

// ---------------------------------------------------------------------------
// Retry policy

export interface RetryPolicy {
  /** Retries after the first attempt (0 = one attempt only). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails at once instead of blocking the job. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its weekday and month; anything else (e.g. "-5") is not one.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Exponential backoff with equal jitter: half fixed, half random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------
// Concurrency

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly limit: number;
  readonly active: number;
  readonly pending: number;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  }
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    while (active < limit && queue.length > 0) {
      const start = queue.shift();
      if (start) {
        active += 1;
        start();
      }
    }
  };
  return {
    limit,
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
  };
}

/**
 * Maps with at most `limit` calls in flight, keeping input order. The first
 * failure rejects the whole map and stops new calls from starting.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  }
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && nextIndex < items.length) {
      const index = nextIndex++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------
// Payload parsing

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

// ---------------------------------------------------------------------------
// HTTP client

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RetryInfo {
  vendor: string;
  endpoint: string;
  attempt: number;
  delayMs: number;
  error: VendorError;
}

export interface HttpClientConfig {
  /** Name used in messages, e.g. `NinjaOne`. */
  vendor: string;
  baseUrl: string;
  /** Per attempt, including reading the body. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests of this client in flight at once. Default 4. */
  maxConcurrency?: number;
  headers?: Record<string, string>;
  /** Appended to messages of that kind, e.g. `{ auth: 'Check NINJAONE_CLIENT_ID.' }`. */
  hints?: Partial<Record<VendorErrorKind, string>>;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Relative to the base URL (a leading slash is ignored). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs?: number;
  retry?: false | Partial<RetryPolicy>;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  url: string;
  /** `METHOD /path`, for messages. */
  endpoint: string;
  attempts: number;
}

export interface HttpClient {
  readonly vendor: string;
  readonly baseUrl: string;
  /** A 2xx response, or a VendorError once retries are spent. */
  send(request: HttpRequest): Promise<HttpResponse>;
  /** `send` then `parsePayload`. */
  sendJson<T>(
    request: HttpRequest,
    schema: z.ZodType<T>,
    options?: ParsePayloadOptions,
  ): Promise<{ data: T; response: HttpResponse }>;
}

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL(path.replace(/^\/+/, ''), base);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, String(value));
  }
  return url;
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

function kindForStatus(status: number): VendorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  return 'client';
}

function statusMessage(vendor: string, kind: VendorErrorKind, status: number, endpoint: string, detail: string | null): string {
  const said = detail ? `: ${detail}` : '';
  switch (kind) {
    case 'auth':
      return `${vendor} refused the credentials (HTTP ${status} on ${endpoint})${said}.`;
    case 'rate_limit':
      return `${vendor} is rate-limiting requests (HTTP ${status} on ${endpoint})${said}.`;
    case 'server':
      return `${vendor} had a server error (HTTP ${status} on ${endpoint})${said}.`;
    default:
      return `${vendor} rejected the request (HTTP ${status} on ${endpoint})${said}.`;
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function withAttempts(error: VendorError, attempts: number, hint: string | undefined): VendorError {
  let message = error.message;
  if (attempts > 1) message = `${message.replace(/\.$/, '')}; gave up after ${attempts} attempts.`;
  if (hint) message = `${message} ${hint}`;
  return new VendorError({
    vendor: error.vendor,
    kind: error.kind,
    status: error.status,
    endpoint: error.endpoint,
    retryAfterMs: error.retryAfterMs,
    attempts,
    message,
    cause: error.cause,
  });
}

export function createHttpClient(config: HttpClientConfig): HttpClient {
  const vendor = config.vendor;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...config.retry };
  const limiter = createLimiter(config.maxConcurrency ?? 4);
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const random = config.random ?? Math.random;
  const defaultTimeoutMs = config.timeoutMs ?? 30_000;

  async function attempt(request: HttpRequest, method: HttpMethod, url: URL, endpoint: string): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...config.headers, ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    try {
      const response = await fetchImpl(url, { method, headers, body, signal, redirect: 'manual' });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text, url: url.toString(), endpoint, attempts: 1 };
    } catch (error) {
      if (request.signal?.aborted && !timeout.aborted) throw request.signal.reason ?? error;
      if (timeout.aborted) {
        throw new VendorError({
          vendor,
          kind: 'timeout',
          endpoint,
          message: `${vendor} did not answer within ${formatSeconds(timeoutMs)} (${endpoint}).`,
          cause: error,
        });
      }
      throw new VendorError({
        vendor,
        kind: 'network',
        endpoint,
        message: `Could not reach ${vendor} at ${url.origin} (${endpoint}): ${networkReason(error)}.`,
        cause: error,
      });
    }
  }

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const method: HttpMethod = request.method ?? (request.json !== undefined || request.form ? 'POST' : 'GET');
    const url = buildUrl(config.baseUrl, request.path, request.query);
    const endpoint = `${method} ${url.pathname}`;
    const requestPolicy: RetryPolicy =
      request.retry === false ? { ...policy, retries: 0 } : { ...policy, ...request.retry };

    for (let attempts = 1; ; attempts += 1) {
      let failure: VendorError;
      try {
        const response = await limiter.run(() => attempt(request, method, url, endpoint));
        if (response.status >= 200 && response.status < 300) return { ...response, attempts };
        if (response.status >= 300 && response.status < 400) {
          const location = response.headers.get('location');
          failure = new VendorError({
            vendor,
            kind: 'client',
            status: response.status,
            endpoint,
            message: `${vendor} answered ${endpoint} with a redirect (HTTP ${response.status}${location ? ` to ${location}` : ''}); check the base URL.`,
          });
        } else {
          const kind = kindForStatus(response.status);
          failure = new VendorError({
            vendor,
            kind,
            status: response.status,
            endpoint,
            retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
            message: statusMessage(vendor, kind, response.status, endpoint, extractVendorMessage(response.body)),
          });
        }
      } catch (error) {
        if (!(error instanceof VendorError)) throw error; // caller abort
        failure = error;
      }

      if (!isRetryableKind(failure.kind) || attempts > requestPolicy.retries) {
        throw withAttempts(failure, attempts, config.hints?.[failure.kind]);
      }
      if (failure.retryAfterMs !== null && failure.retryAfterMs > requestPolicy.maxRetryAfterMs) {
        const asked = new VendorError({
          vendor,
          kind: failure.kind,
          status: failure.status,
          endpoint,
          retryAfterMs: failure.retryAfterMs,
          message: `${failure.message.replace(/\.$/, '')}; it asked to wait ${formatSeconds(failure.retryAfterMs)}, longer than the ${formatSeconds(requestPolicy.maxRetryAfterMs)} allowed.`,
        });
        throw withAttempts(asked, attempts, config.hints?.[failure.kind]);
      }
      const delayMs = Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempts, requestPolicy, random));
      config.onRetry?.({ vendor, endpoint, attempt: attempts, delayMs, error: failure });
      await sleep(delayMs, request.signal);
    }
  }

  return {
    vendor,
    baseUrl: config.baseUrl,
    send,
    async sendJson(request, schema, options) {
      const response = await send(request);
      return { data: parsePayload(vendor, response.endpoint, response.body, schema, options), response };
    },
  };
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
