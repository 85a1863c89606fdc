import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Plumbing shared by the vendor simulators: a real HTTP server on loopback,
// a request log, and the injectable faults. Each simulator supplies only its
// routes and its vendor's auth and body shapes.

export interface SimulatorFaults {
  /** The next API request answers 429 with this Retry-After. */
  rateLimitOnce?: { retryAfterSeconds?: number; asHttpDate?: boolean };
  /** The next N API requests answer 429 (Retry-After as in `rateLimitOnce`, default 1 s). */
  rateLimitCount?: number;
  /** The next N API requests answer 500. */
  serverErrorCount?: number;
  /** API requests wait this long before answering. */
  slowMs?: number;
  /** Only the next N API requests are slow (default: all while `slowMs` is set). */
  slowCount?: number;
  /** The device listing's page N (1-based) is truncated, invalid JSON. */
  malformedPage?: number;
  /** The device listing's page N comes back as a zero-byte 200 although it has rows. */
  emptyBodyPage?: number;
  /** Every access token issued so far stops working now (a one-off action). */
  expireTokenNow?: boolean;
  /** Credentials are refused (401) until the faults are reset. */
  rejectCredentials?: boolean;
}

export interface SimulatedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request body (first 4 KB), e.g. to check paging parameters sent in JSON. */
  body: string;
  status: number;
  startedAt: number;
  durationMs: number;
}

export class RequestLog {
  private entries: SimulatedRequest[] = [];
  private total = 0;
  private current = 0;
  private peak = 0;

  constructor(private readonly limit: number = 10_000) {}

  /** Requests answered since the start (or the last `clear`). */
  get count(): number {
    return this.total;
  }
  /** The most recent requests, oldest first (bounded, for large benchmarks). */
  get log(): readonly SimulatedRequest[] {
    return this.entries;
  }
  get inFlight(): number {
    return this.current;
  }
  /** Most requests in flight at once: checks a client's concurrency bound. */
  get maxInFlight(): number {
    return this.peak;
  }
  /** Requests whose path matches (string = exact path, case-insensitive). */
  matching(path: string | RegExp, method?: string): SimulatedRequest[] {
    return this.entries.filter(
      (entry) =>
        (method === undefined || entry.method === method) &&
        (typeof path === 'string' ? entry.path.toLowerCase() === path.toLowerCase() : path.test(entry.path)),
    );
  }
  clear(): void {
    this.entries = [];
    this.total = 0;
    this.peak = this.current;
  }

  /** @internal */
  begin(): void {
    this.current += 1;
    this.peak = Math.max(this.peak, this.current);
  }
  /** @internal */
  end(entry: SimulatedRequest): void {
    this.current -= 1;
    this.total += 1;
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }
}

export type ApiFault = { kind: 'rate_limit'; retryAfter: string } | { kind: 'server' };

export class FaultState {
  private faults: SimulatorFaults = {};
  private rateLimits = 0;
  private serverErrors = 0;
  private slowLeft: number | null = null;

  /** Merges into the active faults; counters restart from the values given. */
  set(faults: SimulatorFaults): void {
    const { expireTokenNow: _ignored, ...kept } = faults;
    this.faults = { ...this.faults, ...kept };
    if (faults.rateLimitOnce !== undefined || faults.rateLimitCount !== undefined) {
      this.rateLimits = faults.rateLimitCount ?? (faults.rateLimitOnce ? 1 : 0);
    }
    if (faults.serverErrorCount !== undefined) this.serverErrors = faults.serverErrorCount;
    if (faults.slowMs !== undefined || faults.slowCount !== undefined) this.slowLeft = this.faults.slowCount ?? null;
  }

  reset(): void {
    this.faults = {};
    this.rateLimits = 0;
    this.serverErrors = 0;
    this.slowLeft = null;
  }

  get active(): Readonly<SimulatorFaults> {
    return this.faults;
  }

  /** Delay for this API request, counting down `slowCount`. */
  takeDelay(): number {
    const ms = this.faults.slowMs ?? 0;
    if (ms <= 0) return 0;
    if (this.slowLeft === null) return ms;
    if (this.slowLeft <= 0) return 0;
    this.slowLeft -= 1;
    return ms;
  }

  /** A 429 or 500 for this API request, if one is due. */
  takeApiFault(now: number = Date.now()): ApiFault | null {
    if (this.rateLimits > 0) {
      this.rateLimits -= 1;
      const seconds = this.faults.rateLimitOnce?.retryAfterSeconds ?? 1;
      const retryAfter = this.faults.rateLimitOnce?.asHttpDate
        ? new Date(now + seconds * 1000).toUTCString()
        : String(seconds);
      return { kind: 'rate_limit', retryAfter };
    }
    if (this.serverErrors > 0) {
      this.serverErrors -= 1;
      return { kind: 'server' };
    }
    return null;
  }

  isMalformedPage(page: number): boolean {
    return this.faults.malformedPage === page;
  }
  isEmptyBodyPage(page: number): boolean {
    return this.faults.emptyBodyPage === page;
  }
  get rejectsCredentials(): boolean {
    return this.faults.rejectCredentials === true;
  }
}

export interface SimRequest {
  method: string;
  url: URL;
  /** Path in lower case, for case-insensitive routing. */
  route: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Waits unless the client has gone away; resolves false if it has. */
  delay(ms: number): Promise<boolean>;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  json?: unknown;
  /** Sent as is (may be empty or deliberately broken). */
  raw?: string;
}

export interface SimulatorHandle {
  /** Base URL to give the vendor client. */
  url: string;
  close(): Promise<void>;
  setFaults(faults: SimulatorFaults): void;
  resetFaults(): void;
  requests: RequestLog;
}

export interface SimServerOptions {
  host?: string;
  port?: number;
  logLimit?: number;
}

/** A broken page: valid start, cut off mid-record. */
export const MALFORMED_JSON = '[{"id": 1, "name": "trunc';

export async function startSimServer(
  handle: (request: SimRequest) => Promise<SimResponse> | SimResponse,
  options: SimServerOptions = {},
): Promise<{ url: string; close(): Promise<void>; requests: RequestLog }> {
  const requests = new RequestLog(options.logLimit);
  const timers = new Set<NodeJS.Timeout>();

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = Date.now();
    requests.begin();
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    let status = 500;
    let requestBody = '';
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      // Resolves early (false) when the client gives up, so a timed-out
      // request is logged at once rather than when the delay would have ended.
      const delay = (ms: number) =>
        new Promise<boolean>((resolve) => {
          if (ms <= 0 || res.destroyed) return resolve(!res.destroyed);
          const onClose = () => {
            clearTimeout(timer);
            timers.delete(timer);
            resolve(false);
          };
          const timer = setTimeout(() => {
            timers.delete(timer);
            res.off('close', onClose);
            resolve(!res.destroyed);
          }, ms);
          timer.unref();
          timers.add(timer);
          res.once('close', onClose);
        });
      const response = await handle({
        method: req.method ?? 'GET',
        url,
        route: url.pathname.toLowerCase().replace(/\/+$/, ''),
        headers: req.headers,
        body: (requestBody = Buffer.concat(chunks).toString('utf8')),
        delay,
      });
      status = response.status;
      const body = response.raw ?? (response.json === undefined ? '' : JSON.stringify(response.json));
      if (!res.destroyed) {
        res.writeHead(response.status, {
          ...(response.raw === undefined && response.json !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
          'content-length': String(Buffer.byteLength(body)),
          ...response.headers,
        });
        res.end(body);
      }
    } catch (error) {
      status = 500;
      if (!res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      requests.end({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: requestBody.slice(0, 4096),
        status,
        startedAt,
        durationMs: Date.now() - startedAt,
      });
    }
  };

  const server = createServer((req, res) => {
    void onRequest(req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Keyset paging over records sorted by ascending numeric id: first index with id > after. */
export function firstIndexAfter<T>(items: readonly T[], after: number, idOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (idOf(items[mid] as T) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
