// A QuickBooks Online simulator: a real HTTP server on loopback with an
// OAuth2 token endpoint that rotates refresh tokens (a spent one gets
// `invalid_grant`), the query endpoint (Customer, Invoice; WHERE, STARTPOSITION,
// MAXRESULTS, count(*)), the monthly Profit and Loss report, Intuit's
// throttles (10 in flight, 500 a minute → 429) and faults switched at runtime.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QuickBooksConfig } from '@/lib/vendors/quickbooks/client';
import { ACCOUNTS, generateQuickBooksData, type AccountKey, type QbData, type QbDataOptions } from './quickbooks-data';

export type QbFault =
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed_json' }
  /** An HTTP 200 whose body is a `Fault` (ValidationFault unless told otherwise). */
  | { kind: 'fault_in_200'; faultType?: string; message?: string; detail?: string; code?: string }
  /** Applied at once: every access token issued so far stops working (401); a refresh gets a good one. */
  | { kind: 'expired_token' }
  /** Applied at once: the refresh token and all access tokens are revoked (invalid_grant / 401) until `reconnect()`. */
  | { kind: 'revoked_token' };

/** A fault for requests whose path contains `path` (all when absent), for the next `times` matches (unlimited when absent). */
export type QbFaultRule = QbFault & { path?: string; times?: number };

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Bearer token of an API call, or the refresh token sent to the token endpoint. */
  token?: string;
  status: number;
  at: number;
};

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

export type QuickBooksSimulator = {
  readonly url: string;
  readonly tokenUrl: string;
  readonly realmId: string;
  /** Settings this simulator accepts (QUICKBOOKS_REFRESH_TOKEN is the one valid at start). */
  readonly config: QuickBooksConfig;
  readonly data: QbData;
  readonly requests: RecordedRequest[];
  readonly stats: { maxInFlight: number; throttled: number; refreshes: number };
  /** The refresh token that works right now. */
  currentRefreshToken(): string;
  /** Simulates the user reconnecting the app: a fresh refresh token chain, faults on tokens lifted. */
  reconnect(): string;
  setFaults(rules: QbFaultRule | readonly QbFaultRule[]): void;
  resetFaults(): void;
  close(): Promise<void>;
};

const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const money = (n: number) => n.toFixed(2);
const timeStamp = () => new Date().toISOString();

function fault(type: string, message: string, detail: string, code: string) {
  return { Fault: { Error: [{ Message: message, Detail: detail, code }], type }, time: timeStamp() };
}

function authFault(detail: string) {
  // 401 bodies use lower-case keys.
  return { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200' }], type: 'AUTHENTICATION' }, time: timeStamp() };
}

// ---------------------------------------------------------------------------
// Query language subset
// ---------------------------------------------------------------------------

type Clause = { field: string[]; op: string; value: string | number | boolean | (string | number)[] };
type ParsedQuery = { count: boolean; entity: string; where: Clause[]; start: number; max: number };

class QuerySyntaxError extends Error {}

function parseValue(raw: string): string | number | boolean {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return Number(raw);
}

export function parseQbQuery(text: string): ParsedQuery {
  const m = /^\s*select\s+(\*|count\(\*\))\s+from\s+(\w+)(?:\s+where\s+(.+?))?(?:\s+orderby\s+[\w.]+(?:\s+(?:asc|desc))?)?(?:\s+startposition\s+(\d+))?(?:\s+maxresults\s+(\d+))?\s*$/i.exec(text);
  if (!m) throw new QuerySyntaxError(`Error parsing query: ${text}`);
  const where: Clause[] = [];
  if (m[3]) {
    const clause = /^\s*([\w.]+)\s*(>=|<=|!=|=|<|>|\bin\b|\blike\b)\s*('(?:[^'\\]|\\.)*'|\([^)]*\)|true|false|-?\d+(?:\.\d+)?)\s*(?:\band\b|$)/i;
    let rest = m[3];
    while (rest.trim() !== '') {
      const c = clause.exec(rest);
      if (!c) throw new QuerySyntaxError(`Error parsing query near: ${rest.trim()}`);
      const rawValue = c[3]!;
      const value = rawValue.startsWith('(')
        ? rawValue
            .slice(1, -1)
            .split(',')
            .map((v) => parseValue(v.trim()))
            .filter((v): v is string | number => typeof v !== 'boolean')
        : parseValue(rawValue);
      where.push({ field: c[1]!.split('.'), op: c[2]!.toLowerCase(), value });
      rest = rest.slice(c[0].length);
    }
  }
  const start = Math.max(1, Number(m[4] ?? 1));
  const max = Math.min(1000, Math.max(1, Number(m[5] ?? 100)));
  return { count: m[1] !== '*', entity: m[2]!, where, start, max };
}

function resolve(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const part of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    const key = Object.keys(cur).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key === undefined ? undefined : (cur as Record<string, unknown>)[key];
  }
  // References (CustomerRef) compare by their value.
  if (cur && typeof cur === 'object' && 'value' in cur) return (cur as { value: unknown }).value;
  return cur;
}

function matchesClause(record: unknown, c: Clause): boolean {
  const actual = resolve(record, c.field);
  if (actual === undefined || actual === null) return false;
  const norm = (v: unknown): number | string | boolean => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
      const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
      if (!Number.isNaN(ms)) return ms;
    }
    if (typeof v === 'string' && typeof actual === 'number') return Number(v);
    return typeof v === 'string' ? v.toLowerCase() : (v as number | boolean);
  };
  if (Array.isArray(c.value)) return c.value.some((v) => norm(v) === norm(actual));
  const a = norm(actual);
  const b = norm(c.value);
  switch (c.op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case 'like': {
      const pattern = String(c.value).toLowerCase().replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/%/g, '.*');
      return new RegExp(`^${pattern}$`).test(String(actual).toLowerCase());
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Profit and Loss
// ---------------------------------------------------------------------------

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function buildProfitAndLoss(data: QbData, startDate: string, endDate: string, customerId: string | null, method: string) {
  const months: { key: string; start: string; end: string; title: string }[] = [];
  for (let y = Number(startDate.slice(0, 4)), mo = Number(startDate.slice(5, 7)); `${y}-${String(mo).padStart(2, '0')}` <= endDate.slice(0, 7); mo === 12 ? ((y += 1), (mo = 1)) : (mo += 1)) {
    const key = `${y}-${String(mo).padStart(2, '0')}`;
    const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    months.push({ key, start: key === startDate.slice(0, 7) ? startDate : `${key}-01`, end: last < endDate ? last : endDate, title: `${MONTH_NAMES[mo - 1]} ${y}` });
  }
  const totals = new Map<string, number>(); // `${account}|${month}`
  for (const p of data.postings) {
    if (customerId !== null && p.customerId !== customerId) continue;
    const k = `${p.account}|${p.month}`;
    totals.set(k, (totals.get(k) ?? 0) + p.amount);
  }
  const amount = (account: AccountKey, month: string) => Math.round((totals.get(`${account}|${month}`) ?? 0) * 100) / 100;
  const sumOf = (accounts: readonly AccountKey[], month: string) => Math.round(accounts.reduce((s, a) => s + amount(a, month), 0) * 100) / 100;
  const cells = (values: number[], blankZero: boolean) => [...values, Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100].map((v) => ({ value: blankZero && v === 0 ? '' : money(v) }));
  const perMonth = (f: (month: string) => number) => months.map((m) => f(m.key));
  const dataRow = (key: AccountKey) => ({ ColData: [{ value: ACCOUNTS[key].name, id: ACCOUNTS[key].id }, ...cells(perMonth((m) => amount(key, m)), true)], type: 'Data' });
  const summary = (title: string, values: number[]) => ({ ColData: [{ value: title }, ...cells(values, false)] });
  const header = (title: string) => ({ ColData: [{ value: title }, ...months.map(() => ({ value: '' })), { value: '' }] });

  const income: AccountKey[] = ['managed', 'project', 'cloud', 'hardware', 'misc'];
  const cogs: AccountKey[] = ['hardwareCost', 'licenceCost'];
  const payroll: AccountKey[] = ['wages', 'payrollTaxes'];
  const otherExpenses: AccountKey[] = ['ownerComp', 'ownerTaxes', 'tools', 'rent'];
  const incomeTotal = perMonth((m) => sumOf(income, m));
  const cogsTotal = perMonth((m) => sumOf(cogs, m));
  const expenseTotal = perMonth((m) => sumOf([...payroll, ...otherExpenses], m));
  const gross = incomeTotal.map((v, i) => v - cogsTotal[i]!);
  const net = gross.map((v, i) => v - expenseTotal[i]!);
  const hasExpenses = expenseTotal.some((v) => v !== 0);

  const rows: unknown[] = [
    { Header: header('Income'), Rows: { Row: income.map(dataRow) }, Summary: summary('Total Income', incomeTotal), type: 'Section', group: 'Income' },
    { Header: header('Cost of Goods Sold'), Rows: { Row: cogs.map(dataRow) }, Summary: summary('Total Cost of Goods Sold', cogsTotal), type: 'Section', group: 'COGS' },
    { Summary: summary('Gross Profit', gross), type: 'Section', group: 'GrossProfit' },
  ];
  if (hasExpenses) {
    rows.push({
      Header: header('Expenses'),
      Rows: {
        Row: [
          {
            Header: { ColData: [{ value: 'Payroll Expenses', id: '60' }, ...months.map(() => ({ value: '' })), { value: '' }] },
            Rows: { Row: payroll.map(dataRow) },
            Summary: summary('Total Payroll Expenses', perMonth((m) => sumOf(payroll, m))),
            type: 'Section',
          },
          ...otherExpenses.map(dataRow),
        ],
      },
      Summary: summary('Total Expenses', expenseTotal),
      type: 'Section',
      group: 'Expenses',
    });
  }
  rows.push({ Summary: summary('Net Operating Income', net), type: 'Section', group: 'NetOperatingIncome' });
  rows.push({ Summary: summary('Net Income', net), type: 'Section', group: 'NetIncome' });

  const noData = incomeTotal.every((v) => v === 0) && !hasExpenses;
  return {
    Header: {
      Time: timeStamp(),
      ReportName: 'ProfitAndLoss',
      ReportBasis: method,
      StartPeriod: startDate,
      EndPeriod: endDate,
      SummarizeColumnsBy: 'Month',
      Currency: 'USD',
      ...(customerId !== null ? { Customer: customerId } : {}),
      Option: [
        { Name: 'AccountingStandard', Value: 'GAAP' },
        { Name: 'NoReportData', Value: String(noData) },
      ],
    },
    Columns: {
      Column: [
        { ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
        ...months.map((m) => ({
          ColTitle: m.title,
          ColType: 'Money',
          MetaData: [
            { Name: 'StartDate', Value: m.start },
            { Name: 'EndDate', Value: m.end },
            { Name: 'ColKey', Value: m.title },
          ],
        })),
        { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
      ],
    },
    Rows: noData ? {} : { Row: rows },
  };
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

export async function startQuickBooksSimulator(options: QuickBooksSimulatorOptions = {}): Promise<QuickBooksSimulator> {
  const data = generateQuickBooksData(options);
  const realmId = options.realmId ?? '9130350000000001';
  const clientId = options.clientId ?? 'sim-client-id';
  const clientSecret = options.clientSecret ?? 'sim-client-secret';
  const rotateEvery = Math.max(1, Math.floor(options.rotateEvery ?? 1));
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const maxConcurrent = options.limits?.maxConcurrent ?? 10;
  const maxPerWindow = options.limits?.maxPerWindow ?? 500;
  const windowMs = options.limits?.windowMs ?? 60_000;

  const requests: RecordedRequest[] = [];
  const stats = { maxInFlight: 0, throttled: 0, refreshes: 0 };
  let faults: QbFaultRule[] = [];
  let serial = 0;
  let refreshToken = options.refreshToken ?? `sim-rt-${++serial}`;
  const spent = new Set<string>();
  let revoked = false;
  const accessTokens = new Map<string, { expiresAt: number; valid: boolean }>();
  let inFlight = 0;
  const recentStarts: number[] = [];

  const entities: Record<string, readonly Record<string, unknown>[]> = { Customer: data.customers, Invoice: data.invoices };

  function send(res: ServerResponse, rec: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    rec.status = status;
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', intuit_tid: `sim-${requests.length}`, ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function applyFaults(url: URL, res: ServerResponse, rec: RecordedRequest): Promise<boolean> {
    for (const rule of faults) {
      if (rule.kind === 'expired_token' || rule.kind === 'revoked_token') continue;
      if (rule.path !== undefined && !url.pathname.includes(rule.path)) continue;
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times -= 1;
      }
      switch (rule.kind) {
        case 'slow':
          await sleep(rule.delayMs);
          continue;
        case 'rate_limit':
          send(res, rec, 429, fault('SERVICE', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.', '3001'), rule.retryAfterSeconds !== undefined ? { 'retry-after': String(rule.retryAfterSeconds) } : {});
          return true;
        case 'server_error':
          send(res, rec, rule.status ?? 500, fault('SystemFault', 'An application error has occurred while processing your request', 'System Failure Error: simulated', '10000'));
          return true;
        case 'malformed_json':
          send(res, rec, 200, '{"QueryResponse": {"Invoice": [{"Id": "1", "TotalAmt": ');
          return true;
        case 'fault_in_200':
          send(res, rec, 200, fault(rule.faultType ?? 'ValidationFault', rule.message ?? 'Duplicate Name Exists Error', rule.detail ?? 'The name supplied already exists. :null', rule.code ?? '6240'));
          return true;
      }
    }
    return false;
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest) {
    const form = new URLSearchParams(await readBody(req));
    rec.token = form.get('refresh_token') ?? undefined;
    if (await applyFaults(new URL(req.url ?? '/', 'http://sim.invalid'), res, rec)) return;
    const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return send(res, rec, 401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'refresh_token') return send(res, rec, 400, { error: 'unsupported_grant_type' });
    const presented = form.get('refresh_token') ?? '';
    if (revoked || presented !== refreshToken || spent.has(presented)) return send(res, rec, 400, { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token' });
    stats.refreshes += 1;
    if (stats.refreshes % rotateEvery === 0) {
      spent.add(refreshToken);
      refreshToken = `sim-rt-${++serial}`;
    }
    const accessToken = `sim-at-${++serial}`;
    accessTokens.set(accessToken, { expiresAt: Date.now() + ttl * 1000, valid: true });
    return send(res, rec, 200, { token_type: 'bearer', access_token: accessToken, expires_in: ttl, refresh_token: refreshToken, x_refresh_token_expires_in: 8_726_400 });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, url: URL) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    rec.token = token;
    const now = Date.now();
    while (recentStarts.length > 0 && recentStarts[0]! <= now - windowMs) recentStarts.shift();
    recentStarts.push(now);
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      if (inFlight > maxConcurrent || recentStarts.length > maxPerWindow) {
        stats.throttled += 1;
        return send(res, rec, 429, fault('SERVICE', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.', '3001'));
      }
      if (await applyFaults(url, res, rec)) return;
      const info = token ? accessTokens.get(token) : undefined;
      if (!info || !info.valid || revoked) return send(res, rec, 401, authFault('Token revoked or invalid'));
      if (info.expiresAt <= Date.now()) return send(res, rec, 401, authFault('Token expired'));

      const m = /^\/v3\/company\/([^/]+)\/(query|reports\/ProfitAndLoss)$/.exec(url.pathname);
      if (!m) return send(res, rec, 404, fault('ValidationFault', 'Unsupported Operation', `No route for ${url.pathname}`, '500'));
      if (m[1] !== realmId) return send(res, rec, 403, fault('AuthorizationFault', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', 'The app is not connected to this company', '003100'));

      if (m[2] === 'query') {
        let q: ParsedQuery;
        try {
          q = parseQbQuery(url.searchParams.get('query') ?? '');
        } catch (e) {
          if (e instanceof QuerySyntaxError) return send(res, rec, 400, fault('ValidationFault', 'Error parsing query', `QueryParserError: ${e.message}`, '4000'));
          throw e;
        }
        const entity = Object.keys(entities).find((k) => k.toLowerCase() === q.entity.toLowerCase());
        if (!entity) return send(res, rec, 400, fault('ValidationFault', 'Invalid query', `QueryValidationError: unsupported entity ${q.entity}`, '4001'));
        const matching = entities[entity]!.filter((r) => q.where.every((c) => matchesClause(r, c)));
        if (q.count) return send(res, rec, 200, { QueryResponse: { totalCount: matching.length }, time: timeStamp() });
        const page = matching.slice(q.start - 1, q.start - 1 + q.max);
        const body = page.length > 0 ? { [entity]: page, startPosition: q.start, maxResults: page.length } : {};
        return send(res, rec, 200, { QueryResponse: body, time: timeStamp() });
      }

      const start = url.searchParams.get('start_date');
      const end = url.searchParams.get('end_date');
      if (!start || !end || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || end < start) {
        return send(res, rec, 400, fault('ValidationFault', 'Invalid date range', 'start_date and end_date (YYYY-MM-DD) are required', '2020'));
      }
      if ((url.searchParams.get('summarize_column_by') ?? 'Total') !== 'Month') {
        return send(res, rec, 400, fault('ValidationFault', 'Unsupported summarize_column_by', 'The simulator only summarises by Month', '2030'));
      }
      return send(res, rec, 200, buildProfitAndLoss(data, start, end, url.searchParams.get('customer'), url.searchParams.get('accounting_method') ?? 'Accrual'));
    } finally {
      inFlight -= 1;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, at: Date.now() };
    requests.push(rec);
    if (url.pathname === TOKEN_PATH && req.method === 'POST') return handleToken(req, res, rec);
    if (req.method !== 'GET') return send(res, rec, 405, fault('ValidationFault', 'Method not allowed', 'Only GET is simulated', '405'));
    return handleApi(req, res, rec, url);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fault('SystemFault', 'Simulator error', 'Unexpected', '10000')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    tokenUrl: `${url}${TOKEN_PATH}`,
    realmId,
    data,
    requests,
    stats,
    config: {
      QUICKBOOKS_BASE_URL: url,
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
    setFaults(rules) {
      faults = (Array.isArray(rules) ? rules : [rules]).map((r) => ({ ...r }));
      for (const rule of faults) {
        if (rule.kind === 'expired_token') for (const t of accessTokens.values()) t.expiresAt = 0;
        if (rule.kind === 'revoked_token') {
          revoked = true;
          for (const t of accessTokens.values()) t.valid = false;
        }
      }
    },
    resetFaults() {
      faults = [];
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
