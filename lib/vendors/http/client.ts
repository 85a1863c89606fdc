import type { z } from 'zod';
import { createLimiter } from './concurrency';
import { isRetryableKind, statusError, VendorError, type VendorErrorKind } from './errors';
import { parsePayload, type ParsePayloadOptions } from './payload';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, sleep, type RetryPolicy } from './retry';

// The one HTTP path every vendor client goes through: per-attempt timeout,
// retries with backoff and jitter on 429/5xx/network errors (honouring
// Retry-After), a concurrency bound, and VendorError with messages an
// operator can act on. Vendor-neutral on purpose: NinjaOne, ThreatLocker,
// ConnectWise, QuickBooks and the Drupal release fetcher all build on it.

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

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
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
          failure = statusError(vendor, response.status, endpoint, response.body, parseRetryAfter(response.headers.get('retry-after')));
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
