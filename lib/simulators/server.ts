import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Plumbing shared by every simulator: a real HTTP server on loopback, a log of
// the requests it answered (and how many are in flight), delays that end when
// the client gives up, and the faults tests and demo mode switch on. Each
// simulator supplies only its routes, its vendor's auth, and the bodies its
// vendor sends, faults included.

// ---------------------------------------------------------------------------
// Request log

export interface SimulatedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** As received (names in lower case), e.g. to check the credentials a client sent. */
  headers: IncomingHttpHeaders;
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
  /** The most recent requests in the order they were answered (bounded, for large benchmarks). */
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

// ---------------------------------------------------------------------------
// Faults

/**
 * The faults a simulator can be told to inject. Each simulator declares the
 * kinds it renders (its vendor's words for a 429 or a refused key) and may add
 * kinds of its own.
 */
export type Fault =
  /** The answer waits this long (the client may give up first). */
  | { kind: 'slow'; delayMs: number }
  /** 429, with Retry-After when `retryAfterSeconds` is given (as an HTTP date with `asHttpDate`). */
  | { kind: 'rate_limit'; retryAfterSeconds?: number; asHttpDate?: boolean }
  /** A server error, 500 unless told otherwise. */
  | { kind: 'server_error'; status?: number }
  /** A 200 whose JSON body is cut off mid-record. */
  | { kind: 'malformed_json' }
  /** A zero-byte 200 although the page has rows. */
  | { kind: 'empty_body' }
  /** Credentials refused (401), whatever is sent. */
  | { kind: 'unauthorized' }
  /** Applied when set: every token (or key) issued so far stops working. */
  | { kind: 'expired_token' };

type Kinded = { kind: string };

/**
 * When a fault applies: to requests whose path contains `path`
 * (case-insensitive), to page `page` of a paged listing, for the next `times`
 * matches. Absent, each means every one.
 */
export type FaultRule<F extends Kinded = Fault> = F & { path?: string; page?: number; times?: number };

/** The request a rule is matched against; `page` where the simulator knows which page it serves. */
export type FaultTarget = { path: string; page?: number };

/** Whether `rule` applies to `target`; counts `times` down when it does. */
function consume(rule: { path?: string; page?: number; times?: number }, target: FaultTarget): boolean {
  if (rule.path !== undefined && !target.path.toLowerCase().includes(rule.path.toLowerCase())) return false;
  if (rule.page !== undefined && rule.page !== target.page) return false;
  if (rule.times !== undefined) {
    if (rule.times <= 0) return false;
    rule.times -= 1;
  }
  return true;
}

/** The active fault rules of one simulator, in the order they were given. */
export class Faults<F extends Kinded = Fault> {
  private rules: FaultRule<F>[] = [];

  /** Replaces the active rules and returns them (for faults applied when set). */
  set(rules: FaultRule<F> | readonly FaultRule<F>[]): readonly FaultRule<F>[] {
    this.rules = (Array.isArray(rules) ? rules : [rules]).map((rule: FaultRule<F>) => ({ ...rule }));
    return this.rules;
  }

  reset(): void {
    this.rules = [];
  }

  /** The first rule of these kinds that applies to the request, counted down; null when none does. */
  take<K extends F['kind']>(target: FaultTarget, ...kinds: K[]): Extract<FaultRule<F>, { kind: K }> | null {
    const rule = this.rules.find((r) => (kinds as string[]).includes(r.kind) && consume(r, target));
    return (rule as Extract<FaultRule<F>, { kind: K }> | undefined) ?? null;
  }

  /** Waits as long as the `slow` rules that apply ask (each counted down); false when the client gave up meanwhile. */
  async wait(request: Pick<SimRequest, 'delay'>, target: FaultTarget): Promise<boolean> {
    let ms = 0;
    for (const rule of this.rules) if (rule.kind === 'slow' && consume(rule, target)) ms += (rule as { delayMs?: number }).delayMs ?? 0;
    return ms <= 0 || request.delay(ms);
  }
}

/** The Retry-After header a `rate_limit` rule asks for (none without `retryAfterSeconds`). */
export function retryAfterHeader(rule: { retryAfterSeconds?: number; asHttpDate?: boolean }, now: number = Date.now()): Record<string, string> {
  if (rule.retryAfterSeconds === undefined) return {};
  const seconds = rule.retryAfterSeconds;
  return { 'retry-after': rule.asHttpDate ? new Date(now + seconds * 1000).toUTCString() : String(seconds) };
}

/** A broken page: valid start, cut off mid-record. */
export const MALFORMED_JSON = '[{"id": 1, "name": "trunc';

/**
 * Faults in the older settings form (`{ serverErrorCount: 2, slowMs: 100 }`),
 * which the Drupal release-history simulator still takes. They become rules
 * with the same matching; new code uses `Faults` and rules.
 */
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
}

/** `SimulatorFaults` as rules: each setting given restarts its own count. */
export class FaultState {
  private settings: SimulatorFaults = {};
  private rules: { rate?: FaultRule<Extract<Fault, { kind: 'rate_limit' }>>; server?: FaultRule; slow?: FaultRule<Extract<Fault, { kind: 'slow' }>> } = {};

  set(next: SimulatorFaults): void {
    this.settings = { ...this.settings, ...next };
    const s = this.settings;
    if (next.rateLimitOnce !== undefined || next.rateLimitCount !== undefined) {
      const times = next.rateLimitCount ?? (next.rateLimitOnce ? 1 : 0);
      this.rules.rate = { kind: 'rate_limit', retryAfterSeconds: s.rateLimitOnce?.retryAfterSeconds ?? 1, asHttpDate: s.rateLimitOnce?.asHttpDate, times };
    }
    if (next.serverErrorCount !== undefined) this.rules.server = { kind: 'server_error', times: next.serverErrorCount };
    if (next.slowMs !== undefined || next.slowCount !== undefined) this.rules.slow = { kind: 'slow', delayMs: s.slowMs ?? 0, times: s.slowCount };
  }

  reset(): void {
    this.settings = {};
    this.rules = {};
  }

  /** Delay for this API request, counting down `slowCount`. */
  takeDelay(): number {
    const slow = this.rules.slow;
    return slow && slow.delayMs > 0 && consume(slow, { path: '' }) ? slow.delayMs : 0;
  }

  /** A 429 or 500 for this API request, if one is due. */
  takeApiFault(now: number = Date.now()): { kind: 'rate_limit'; retryAfter: string } | { kind: 'server' } | null {
    if (this.rules.rate && consume(this.rules.rate, { path: '' })) return { kind: 'rate_limit', retryAfter: retryAfterHeader(this.rules.rate, now)['retry-after']! };
    if (this.rules.server && consume(this.rules.server, { path: '' })) return { kind: 'server' };
    return null;
  }
}

// ---------------------------------------------------------------------------
// Server

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

/** The answer for a request whose client went away during a delay (logged, never sent). */
export const CLIENT_GONE: SimResponse = { status: 499, raw: '' };

export interface SimServer {
  /** Base URL to give the vendor client. */
  url: string;
  close(): Promise<void>;
  requests: RequestLog;
}

/** What every simulator offers tests and demo mode. */
export interface SimulatorHandle<F extends Kinded = Fault> extends SimServer {
  setFaults(rules: FaultRule<F> | readonly FaultRule<F>[]): void;
  resetFaults(): void;
}

export interface SimServerOptions {
  host?: string;
  port?: number;
  logLimit?: number;
}

export async function startSimServer(
  handle: (request: SimRequest) => Promise<SimResponse> | SimResponse,
  options: SimServerOptions = {},
): Promise<SimServer> {
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
        headers: req.headers,
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
