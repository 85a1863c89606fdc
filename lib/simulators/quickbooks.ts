// A QuickBooks Online simulator: a real HTTP server on loopback with an
// OAuth2 token endpoint that rotates refresh tokens (a spent one gets
// `invalid_grant`), the query endpoint (Customer, Invoice; WHERE, STARTPOSITION,
// MAXRESULTS, count(*)), the monthly Profit and Loss report, Intuit's
// throttles (10 in flight, 500 a minute → 429) and faults switched at runtime.

import type { QuickBooksConfig } from '@/lib/vendors/quickbooks/client';
import { generateQuickBooksData, type QbData, type QbDataOptions } from './quickbooks-data';
import { matchesClause, parseQbQuery, QuerySyntaxError, type ParsedQuery } from './quickbooks-query';
import { buildProfitAndLoss } from './quickbooks-report';
import { CLIENT_GONE, Faults, retryAfterHeader, startSimServer, type Fault, type FaultRule, type SimRequest, type SimResponse, type SimulatorHandle } from './server';

/** The faults this simulator renders: server.ts's kinds it knows, and QuickBooks' own. */
export type QbFault =
  | Extract<Fault, { kind: 'slow' | 'rate_limit' | 'server_error' | 'malformed_json' | 'expired_token' }>
  /** An HTTP 200 whose body is a `Fault` (ValidationFault unless told otherwise). */
  | { kind: 'fault_in_200'; faultType?: string; message?: string; detail?: string; code?: string }
  /** Applied when set: the refresh token and all access tokens are revoked (invalid_grant / 401) until `reconnect()`. */
  | { kind: 'revoked_token' };

export type QuickBooksSimulatorOptions = QbDataOptions & {
  realmId?: string;
  clientId?: string;
  clientSecret?: string;
  /** The refresh token that is valid at start. */
  refreshToken?: string;
  /** Issue a new refresh token on every Nth refresh (1 = always, the default). */
  rotateEvery?: number;
  accessTokenTtlSeconds?: number;
  /** Intuit's throttles: 10 in flight and 500 per 60 s window by default. */
  limits?: { maxConcurrent?: number; maxPerWindow?: number; windowMs?: number };
};

export type QuickBooksSimulator = SimulatorHandle<QbFault> & {
  readonly tokenUrl: string;
  readonly realmId: string;
  /** Settings this simulator accepts (QUICKBOOKS_REFRESH_TOKEN is the one valid at start). */
  readonly config: QuickBooksConfig;
  readonly data: QbData;
  /** API calls only (the token endpoint is another host at Intuit): most in flight at once, and those refused by the throttles. */
  readonly stats: { maxInFlight: number; throttled: number; refreshes: number };
  /** The refresh token that works right now. */
  currentRefreshToken(): string;
  /** Simulates the user reconnecting the app: a fresh refresh token chain, faults on tokens lifted. */
  reconnect(): string;
};

const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
const timeStamp = () => new Date().toISOString();

function fault(type: string, message: string, detail: string, code: string) {
  return { Fault: { Error: [{ Message: message, Detail: detail, code }], type }, time: timeStamp() };
}

const THROTTLED = () => fault('SERVICE', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.', '3001');

function authFault(detail: string) {
  // 401 bodies use lower-case keys.
  return { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200' }], type: 'AUTHENTICATION' }, time: timeStamp() };
}

export async function startQuickBooksSimulator(options: QuickBooksSimulatorOptions): Promise<QuickBooksSimulator> {
  const data = generateQuickBooksData(options);
  const realmId = options.realmId ?? '9130350000000001';
  const clientId = options.clientId ?? 'sim-client-id';
  const clientSecret = options.clientSecret ?? 'sim-client-secret';
  const rotateEvery = Math.max(1, Math.floor(options.rotateEvery ?? 1));
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const maxConcurrent = options.limits?.maxConcurrent ?? 10;
  const maxPerWindow = options.limits?.maxPerWindow ?? 500;
  const windowMs = options.limits?.windowMs ?? 60_000;

  const stats = { maxInFlight: 0, throttled: 0, refreshes: 0 };
  const faults = new Faults<QbFault>();
  let serial = 0;
  let refreshToken = options.refreshToken ?? `sim-rt-${++serial}`;
  const spent = new Set<string>();
  let revoked = false;
  const accessTokens = new Map<string, { expiresAt: number; valid: boolean }>();
  let apiInFlight = 0;
  const recentStarts: number[] = [];
  let transactions = 0;

  const entities: Record<string, readonly Record<string, unknown>[]> = { Customer: data.customers, Invoice: data.invoices };

  function reply(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
    return { status, raw: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json;charset=UTF-8', intuit_tid: `sim-${++transactions}`, ...headers } };
  }

  /** The answer a fault rule gives this request, if one applies. */
  async function faultFor(request: SimRequest): Promise<SimResponse | null> {
    const target = { path: request.url.pathname };
    if (!(await faults.wait(request, target))) return CLIENT_GONE;
    const rule = faults.take(target, 'rate_limit', 'server_error', 'malformed_json', 'fault_in_200');
    switch (rule?.kind) {
      case 'rate_limit':
        return reply(429, THROTTLED(), retryAfterHeader(rule));
      case 'server_error':
        return reply(rule.status ?? 500, fault('SystemFault', 'An application error has occurred while processing your request', 'System Failure Error: simulated', '10000'));
      case 'malformed_json':
        return reply(200, '{"QueryResponse": {"Invoice": [{"Id": "1", "TotalAmt": ');
      case 'fault_in_200':
        return reply(200, fault(rule.faultType ?? 'ValidationFault', rule.message ?? 'Duplicate Name Exists Error', rule.detail ?? 'The name supplied already exists. :null', rule.code ?? '6240'));
      default:
        return null;
    }
  }

  async function handleToken(request: SimRequest): Promise<SimResponse> {
    const form = new URLSearchParams(request.body);
    const faulted = await faultFor(request);
    if (faulted) return faulted;
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return reply(401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'refresh_token') return reply(400, { error: 'unsupported_grant_type' });
    const presented = form.get('refresh_token') ?? '';
    if (revoked || presented !== refreshToken || spent.has(presented)) return reply(400, { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token' });
    stats.refreshes += 1;
    if (stats.refreshes % rotateEvery === 0) {
      spent.add(refreshToken);
      refreshToken = `sim-rt-${++serial}`;
    }
    const accessToken = `sim-at-${++serial}`;
    accessTokens.set(accessToken, { expiresAt: Date.now() + ttl * 1000, valid: true });
    return reply(200, { token_type: 'bearer', access_token: accessToken, expires_in: ttl, refresh_token: refreshToken, x_refresh_token_expires_in: 8_726_400 });
  }

  async function handleApi(request: SimRequest): Promise<SimResponse> {
    const url = request.url;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const now = Date.now();
    while (recentStarts.length > 0 && recentStarts[0]! <= now - windowMs) recentStarts.shift();
    recentStarts.push(now);
    apiInFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, apiInFlight);
    try {
      if (apiInFlight > maxConcurrent || recentStarts.length > maxPerWindow) {
        stats.throttled += 1;
        return reply(429, THROTTLED());
      }
      const faulted = await faultFor(request);
      if (faulted) return faulted;
      const info = token ? accessTokens.get(token) : undefined;
      if (!info || !info.valid || revoked) return reply(401, authFault('Token revoked or invalid'));
      if (info.expiresAt <= Date.now()) return reply(401, authFault('Token expired'));

      const m = /^\/v3\/company\/([^/]+)\/(query|reports\/ProfitAndLoss)$/.exec(url.pathname);
      if (!m) return reply(404, fault('ValidationFault', 'Unsupported Operation', `No route for ${url.pathname}`, '500'));
      if (m[1] !== realmId) return reply(403, fault('AuthorizationFault', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', 'The app is not connected to this company', '003100'));

      if (m[2] === 'query') {
        let q: ParsedQuery;
        try {
          q = parseQbQuery(url.searchParams.get('query') ?? '');
        } catch (e) {
          if (e instanceof QuerySyntaxError) return reply(400, fault('ValidationFault', 'Error parsing query', `QueryParserError: ${e.message}`, '4000'));
          throw e;
        }
        const entity = Object.keys(entities).find((k) => k.toLowerCase() === q.entity.toLowerCase());
        if (!entity) return reply(400, fault('ValidationFault', 'Invalid query', `QueryValidationError: unsupported entity ${q.entity}`, '4001'));
        const matching = entities[entity]!.filter((r) => q.where.every((c) => matchesClause(r, c)));
        if (q.count) return reply(200, { QueryResponse: { totalCount: matching.length }, time: timeStamp() });
        const page = matching.slice(q.start - 1, q.start - 1 + q.max);
        const body = page.length > 0 ? { [entity]: page, startPosition: q.start, maxResults: page.length } : {};
        return reply(200, { QueryResponse: body, time: timeStamp() });
      }

      const start = url.searchParams.get('start_date');
      const end = url.searchParams.get('end_date');
      if (!start || !end || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || end < start) {
        return reply(400, fault('ValidationFault', 'Invalid date range', 'start_date and end_date (YYYY-MM-DD) are required', '2020'));
      }
      if ((url.searchParams.get('summarize_column_by') ?? 'Total') !== 'Month') {
        return reply(400, fault('ValidationFault', 'Unsupported summarize_column_by', 'The simulator only summarises by Month', '2030'));
      }
      return reply(200, buildProfitAndLoss(data, start, end, url.searchParams.get('customer'), url.searchParams.get('accounting_method') ?? 'Accrual'));
    } finally {
      apiInFlight -= 1;
    }
  }

  function handle(request: SimRequest): Promise<SimResponse> | SimResponse {
    if (request.url.pathname === TOKEN_PATH && request.method === 'POST') return handleToken(request);
    if (request.method !== 'GET') return reply(405, fault('ValidationFault', 'Method not allowed', 'Only GET is simulated', '405'));
    return handleApi(request);
  }

  const server = await startSimServer(handle);
  return {
    ...server,
    tokenUrl: `${server.url}${TOKEN_PATH}`,
    realmId,
    data,
    stats,
    config: {
      QUICKBOOKS_BASE_URL: server.url,
      QUICKBOOKS_CLIENT_ID: clientId,
      QUICKBOOKS_CLIENT_SECRET: clientSecret,
      QUICKBOOKS_REFRESH_TOKEN: refreshToken,
      QUICKBOOKS_REALM_ID: realmId,
    },
    currentRefreshToken: () => refreshToken,
    reconnect() {
      revoked = false;
      spent.add(refreshToken);
      refreshToken = `sim-rt-${++serial}`;
      return refreshToken;
    },
    setFaults(rules: FaultRule<QbFault> | readonly FaultRule<QbFault>[]) {
      for (const rule of faults.set(rules)) {
        if (rule.kind === 'expired_token') for (const t of accessTokens.values()) t.expiresAt = 0;
        if (rule.kind === 'revoked_token') {
          revoked = true;
          for (const t of accessTokens.values()) t.valid = false;
        }
      }
    },
    resetFaults: () => faults.reset(),
  };
}
