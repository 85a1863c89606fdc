import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorError } from '../http/errors';
import {
  createQuickBooksClient,
  defaultTokenUrl,
  INTUIT_TOKEN_URL,
  QuickBooksFaultError,
  QuickBooksTokenError,
  qbString,
  reportChunks,
  type QuickBooksClientOptions,
  type QuickBooksConfig,
} from './client';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '@/lib/simulators/quickbooks';
import { parseQbQuery } from '@/lib/simulators/quickbooks-query';
import type { SimulatedRequest } from '@/lib/simulators/server';
import { generateQuickBooksData } from '@/lib/simulators/quickbooks-data';
import customerFixture from './fixtures/query-customer.json';
import invoiceFixture from './fixtures/query-invoice.json';

const NOW = new Date('2025-10-15T12:00:00Z');
const CLIENTS = ['Acme Dental', 'Birch Law Group', 'Cedar Logistics', "O'Brien & Sons", 'Evergreen Accounting'];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: QuickBooksSimulator;
const opened: QuickBooksSimulator[] = [];

async function freshSim(options: Omit<Parameters<typeof startQuickBooksSimulator>[0], 'clients'> = {}) {
  const s = await startQuickBooksSimulator({ clients: CLIENTS, now: NOW, seed: 3, ...options });
  opened.push(s);
  return s;
}

/** A client on `s` whose persisted tokens land in `stored`. */
function clientFor(s: QuickBooksSimulator, extra: Partial<QuickBooksClientOptions> = {}, config: Partial<QuickBooksConfig> = {}) {
  const stored: string[] = [];
  const client = createQuickBooksClient(
    { ...s.config, QUICKBOOKS_REFRESH_TOKEN: s.currentRefreshToken(), ...config },
    {
      persistRefreshToken: async (t) => {
        stored.push(t);
      },
      tokenUrl: s.tokenUrl,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      ...extra,
    },
  );
  return { client, stored };
}

const api = (s: QuickBooksSimulator) => s.requests.matching(/^\/v3\//);
const tokenCalls = (s: QuickBooksSimulator) => s.requests.matching('/oauth2/v1/tokens/bearer');
/** The token a request presented: an API call's bearer, or the refresh token sent to the token endpoint. */
const tokenOf = (r: SimulatedRequest) =>
  r.path === '/oauth2/v1/tokens/bearer' ? new URLSearchParams(r.body).get('refresh_token') : /^Bearer (.+)$/.exec(r.headers.authorization ?? '')?.[1];

beforeAll(async () => {
  sim = await freshSim();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});
beforeEach(() => {
  sim.resetFaults();
});
afterEach(() => {
  sim.requests.clear();
});

describe('simulator data and query language', () => {
  it('is deterministic and covers 2023-01 up to now', () => {
    const a = generateQuickBooksData({ clients: CLIENTS, now: NOW, seed: 3 });
    const b = generateQuickBooksData({ clients: CLIENTS, now: NOW, seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const dates = a.invoices.map((i) => i.TxnDate).sort();
    expect(dates[0]).toBe('2023-01-01');
    expect(dates[dates.length - 1]! <= '2025-10-15').toBe(true);
    expect(a.customers.map((c) => c.DisplayName)).toEqual(CLIENTS);
  });

  it('keeps earlier amounts when now moves on', () => {
    const a = generateQuickBooksData({ clients: CLIENTS, now: NOW, seed: 3 });
    const later = generateQuickBooksData({ clients: CLIENTS, now: new Date('2026-02-01T00:00:00Z'), seed: 3 });
    const july = (d: typeof a) => d.invoices.filter((i) => i.TxnDate.startsWith('2025-07')).map((i) => [i.Id, i.TotalAmt]);
    expect(july(later)).toEqual(july(a));
  });

  it('parses the query subset', () => {
    expect(parseQbQuery("select * from Invoice where TxnDate >= '2025-07-01' AND CustomerRef = '2' STARTPOSITION 11 MAXRESULTS 5000")).toEqual({
      count: false,
      entity: 'Invoice',
      where: [
        { field: ['TxnDate'], op: '>=', value: '2025-07-01' },
        { field: ['CustomerRef'], op: '=', value: '2' },
      ],
      start: 11,
      max: 1000,
    });
    expect(parseQbQuery('select count(*) from Customer').count).toBe(true);
    expect(parseQbQuery("select * from Customer where DisplayName = 'O\\'Brien & Sons'").where[0]!.value).toBe("O'Brien & Sons");
    expect(() => parseQbQuery('delete from Customer')).toThrow();
  });
});

describe('OAuth refresh-token rotation', () => {
  it('persists the rotated refresh token before the new access token is used', async () => {
    const s = await freshSim();
    const initial = s.currentRefreshToken();
    const events: string[] = [];
    let persistedAt = 0;
    const client = createQuickBooksClient(s.config, {
      tokenUrl: s.tokenUrl,
      persistRefreshToken: async (token) => {
        events.push(`persist:${token}`);
        expect(api(s)).toHaveLength(0); // nothing has used the new access token yet
        await wait(40);
        persistedAt = Date.now();
        events.push('persisted');
      },
    });
    const customers = await client.listCustomers();
    expect(customers).toHaveLength(CLIENTS.length);

    const rotated = s.currentRefreshToken();
    expect(rotated).not.toBe(initial);
    expect(events).toEqual([`persist:${rotated}`, 'persisted']);
    expect(s.requests.log.map((r) => r.path)).toEqual(['/oauth2/v1/tokens/bearer', '/v3/company/9130350000000001/query']);
    expect(tokenOf(s.requests.log[0]!)).toBe(initial);
    const firstApi = api(s)[0]!;
    expect(firstApi.startedAt).toBeGreaterThanOrEqual(persistedAt);
    expect(tokenOf(firstApi)).toMatch(/^sim-at-/);
  });

  it('refreshes once for concurrent callers and reuses the access token', async () => {
    const s = await freshSim();
    const { client, stored } = clientFor(s);
    await Promise.all([client.listCustomers(), client.listCustomers(), client.listCustomers(), client.listInvoices({ from: '2025-09-01' })]);
    await client.listCustomers();
    expect(tokenCalls(s)).toHaveLength(1);
    expect(stored).toEqual([s.currentRefreshToken()]);
    expect(new Set(api(s).map(tokenOf)).size).toBe(1);
  });

  it('refreshes on a 401 (expired access token), persists the next rotation and retries', async () => {
    const s = await freshSim();
    const { client, stored } = clientFor(s);
    await client.listCustomers();
    s.setFaults({ kind: 'expired_token' });
    const customers = await client.listCustomers();
    expect(customers).toHaveLength(CLIENTS.length);
    expect(s.requests.log.map((r) => `${r.path.startsWith('/v3/') ? 'api' : 'token'}:${r.status}`)).toEqual(['token:200', 'api:200', 'api:401', 'token:200', 'api:200']);
    expect(stored).toHaveLength(2);
    expect(stored[1]).toBe(s.currentRefreshToken());
    expect(stored[0]).not.toBe(stored[1]);
  });

  it('does not call the callback when the refresh token did not rotate', async () => {
    const s = await freshSim({ rotateEvery: 2 });
    const { client, stored } = clientFor(s);
    await client.listCustomers();
    expect(stored).toEqual([]);
    s.setFaults({ kind: 'expired_token' });
    await client.listCustomers();
    expect(stored).toEqual([s.currentRefreshToken()]);
  });

  it('fails with invalid_grant on a spent refresh token, without persisting anything', async () => {
    const s = await freshSim();
    const spent = s.currentRefreshToken();
    await clientFor(s).client.listCustomers(); // rotates: `spent` is now spent
    const { client, stored } = clientFor(s, {}, { QUICKBOOKS_REFRESH_TOKEN: spent });
    const err = await client.listCustomers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuickBooksTokenError);
    expect(err).toMatchObject({ kind: 'auth', status: 400, oauthError: 'invalid_grant', needsReconnect: true });
    expect((err as Error).message).toMatch(/Reconnect QuickBooks/);
    expect(stored).toEqual([]);
    expect(tokenCalls(s).at(-1)!.status).toBe(400);
  });

  it('reports a revoked connection as invalid_grant and works again after reconnecting', async () => {
    const s = await freshSim();
    const { client } = clientFor(s);
    await client.listCustomers();
    s.setFaults({ kind: 'revoked_token' });
    await expect(client.listCustomers()).rejects.toMatchObject({ oauthError: 'invalid_grant' });
    const fresh = s.reconnect();
    const { client: again } = clientFor(s, {}, { QUICKBOOKS_REFRESH_TOKEN: fresh });
    await expect(again.listCustomers()).resolves.toHaveLength(CLIENTS.length);
  });

  it('does not use the new access token when storing the refresh token fails, and recovers on the next call', async () => {
    const s = await freshSim();
    let fail = true;
    const stored: string[] = [];
    const client = createQuickBooksClient(s.config, {
      tokenUrl: s.tokenUrl,
      persistRefreshToken: async (t) => {
        if (fail) throw new Error('disk full');
        stored.push(t);
      },
    });
    const err = await client.listCustomers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect((err as Error).message).toMatch(/storing it failed.*disk full/);
    expect(api(s)).toHaveLength(0);
    fail = false;
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
    expect(tokenCalls(s).map((r) => r.status)).toEqual([200, 200]); // the in-memory token was still good
    expect(stored).toEqual([s.currentRefreshToken()]);
  });

  it('names bad app credentials', async () => {
    const s = await freshSim();
    const { client } = clientFor(s, {}, { QUICKBOOKS_CLIENT_SECRET: 'wrong' });
    const err = await client.listCustomers().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', status: 401, oauthError: 'invalid_client' });
    expect((err as Error).message).toContain('QUICKBOOKS_CLIENT_SECRET');
  });

  it('retries a token endpoint outage', async () => {
    const s = await freshSim();
    s.setFaults({ kind: 'server_error', path: '/oauth2/', times: 1 });
    const { client, stored } = clientFor(s);
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
    expect(tokenCalls(s).map((r) => r.status)).toEqual([500, 200]);
    expect(stored).toHaveLength(1);
  });
});

describe('queries, paging and reports', () => {
  it('sends minorversion on every call', async () => {
    const { client } = clientFor(sim, { pageSize: 2 });
    await client.listCustomers();
    await client.getProfitAndLossByMonth({ from: '2025-01', to: '2025-02' });
    expect(api(sim).length).toBeGreaterThan(3);
    for (const r of api(sim)) expect(r.query.minorversion).toBe('75');
    sim.requests.clear();
    const { client: older } = clientFor(sim, { minorVersion: 70 });
    await older.listCustomers();
    expect(api(sim)[0]!.query.minorversion).toBe('70');
  });

  it('pages customers with STARTPOSITION/MAXRESULTS', async () => {
    const { client } = clientFor(sim, { pageSize: 2 });
    const customers = await client.listCustomers();
    expect(customers.map((c) => c.displayName)).toEqual(CLIENTS);
    expect(customers[3]).toMatchObject({ id: '4', companyName: "O'Brien & Sons", isActive: true, parentId: null });
    expect(api(sim).map((r) => r.query.query)).toEqual([
      'select * from Customer STARTPOSITION 1 MAXRESULTS 2',
      'select * from Customer STARTPOSITION 3 MAXRESULTS 2',
      'select * from Customer STARTPOSITION 5 MAXRESULTS 2',
    ]);
  });

  it('asks once more after a full last page and stops on the empty answer', async () => {
    const { client } = clientFor(sim, { pageSize: 5 });
    expect(await client.listCustomers()).toHaveLength(5);
    expect(api(sim)).toHaveLength(2);
  });

  it('filters invoices by date and customer across pages', async () => {
    const { client } = clientFor(sim, { pageSize: 7 });
    const invoices = await client.listInvoices({ from: '2025-07-01', to: '2025-09-30' });
    const expected = sim.data.invoices.filter((i) => i.TxnDate >= '2025-07-01' && i.TxnDate <= '2025-09-30');
    expect(invoices.map((i) => i.id)).toEqual(expected.map((i) => i.Id));
    expect(api(sim).length).toBe(Math.floor(expected.length / 7) + 1);
    const inv = invoices[0]!;
    expect(inv.lines.length).toBeGreaterThan(0);
    expect(inv.lines.reduce((s, l) => s + l.amount, 0)).toBeCloseTo(inv.totalAmount, 6);

    const one = await client.listInvoices({ customerId: '4', from: '2025-01-01' });
    expect(one.length).toBeGreaterThan(9);
    expect(one.every((i) => i.customerId === '4' && i.customerName === "O'Brien & Sons" && i.txnDate >= '2025-01-01')).toBe(true);
  });

  it('splits P&L requests into six-month chunks and returns rows per month', async () => {
    const { client } = clientFor(sim);
    const rows = await client.getProfitAndLossByMonth({ from: '2024-01', to: '2024-12' });
    expect(api(sim).map((r) => [r.query.start_date, r.query.end_date, r.query.summarize_column_by])).toEqual([
      ['2024-01-01', '2024-06-30', 'Month'],
      ['2024-07-01', '2024-12-31', 'Month'],
    ]);
    expect(new Set(rows.map((r) => r.month)).size).toBe(12);
    expect(rows.find((r) => r.account === 'Wages' && r.month === '2024-03')).toMatchObject({ group: 'Expenses', section: ['Expenses', 'Payroll Expenses'], accountId: '601' });
    expect(rows.find((r) => r.account === 'Rent or Lease' && r.month === '2024-11')?.amount).toBe(2400);
  });

  it('reports income that matches the invoices, per month and per customer', async () => {
    const { client } = clientFor(sim);
    const invoices = await client.listInvoices({ from: '2025-04-01', to: '2025-06-30' });
    const rows = await client.getProfitAndLossByMonth({ from: '2025-04', to: '2025-06' });
    for (const month of ['2025-04', '2025-05', '2025-06']) {
      const income = rows.filter((r) => r.group === 'Income' && r.month === month).reduce((s, r) => s + r.amount, 0);
      const invoiced = invoices.filter((i) => i.txnDate.startsWith(month)).reduce((s, i) => s + i.totalAmount, 0);
      expect(income).toBeCloseTo(invoiced, 2);
      expect(income).toBeGreaterThan(0);
    }
    const mine = await client.getProfitAndLossByMonth({ from: '2025-04', to: '2025-06', customerId: '2', accountingMethod: 'Cash' });
    expect(api(sim).at(-1)!.query).toMatchObject({ customer: '2', accounting_method: 'Cash' });
    const mineIncome = mine.filter((r) => r.group === 'Income').reduce((s, r) => s + r.amount, 0);
    const mineInvoiced = invoices.filter((i) => i.customerId === '2').reduce((s, i) => s + i.totalAmount, 0);
    expect(mineIncome).toBeCloseTo(mineInvoiced, 2);
    expect(mine.some((r) => r.group === 'Expenses')).toBe(false);
  });

  it('gives no rows for a range with no data', async () => {
    const { client } = clientFor(sim);
    expect(await client.getProfitAndLossByMonth({ from: '2020-01', to: '2020-03' })).toEqual([]);
  });
});

describe('faults', () => {
  it('treats a Fault inside an HTTP 200 as an error, without retrying', async () => {
    const { client } = clientFor(sim);
    await client.getAccessToken();
    sim.requests.clear();
    sim.setFaults({ kind: 'fault_in_200', path: '/query', times: 1 });
    const err = await client.listCustomers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuickBooksFaultError);
    expect(err).toMatchObject({ kind: 'client', status: 200, faultType: 'ValidationFault' });
    expect((err as QuickBooksFaultError).errors[0]).toMatchObject({ code: '6240', message: 'Duplicate Name Exists Error' });
    expect((err as Error).message).toContain('Duplicate Name Exists Error');
    expect(api(sim)).toHaveLength(1);
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
  });

  it('classifies a SystemFault in a 200 as a server error', async () => {
    const { client } = clientFor(sim);
    sim.setFaults({ kind: 'fault_in_200', faultType: 'SystemFault', message: 'An application error has occurred', code: '10000', path: '/reports/', times: 1 });
    await expect(client.getProfitAndLossByMonth({ from: '2025-01', to: '2025-01' })).rejects.toMatchObject({ kind: 'server', faultType: 'SystemFault' });
  });

  it('re-authenticates once on an AuthenticationFault in a 200', async () => {
    const s = await freshSim();
    const { client, stored } = clientFor(s);
    await client.getAccessToken();
    s.setFaults({ kind: 'fault_in_200', faultType: 'AuthenticationFault', message: 'Token expired', code: '3200', path: '/query', times: 1 });
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
    expect(tokenCalls(s)).toHaveLength(2);
    expect(stored).toHaveLength(2);
  });

  it('honours Retry-After on 429', async () => {
    const { client } = clientFor(sim);
    await client.getAccessToken();
    sim.requests.clear();
    sim.setFaults({ kind: 'rate_limit', retryAfterSeconds: 0.3, times: 1 });
    const t0 = Date.now();
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(api(sim).map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 500s and gives up when they persist', async () => {
    const { client } = clientFor(sim, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    await client.getAccessToken();
    sim.requests.clear();
    sim.setFaults({ kind: 'server_error', times: 2 });
    await expect(client.listCustomers()).resolves.toHaveLength(CLIENTS.length);
    expect(api(sim).map((r) => r.status)).toEqual([500, 500, 200]);
    sim.setFaults({ kind: 'server_error', path: '/query' });
    await expect(client.listCustomers()).rejects.toMatchObject({ kind: 'server', status: 500, attempts: 3 });
  });

  it('fails on malformed JSON', async () => {
    const { client } = clientFor(sim);
    sim.setFaults({ kind: 'malformed_json', path: '/query' });
    await expect(client.listInvoices()).rejects.toMatchObject({ kind: 'invalid_payload' });
  });

  it('times out a slow answer', async () => {
    const { client } = clientFor(sim, { timeoutMs: 100, retry: { retries: 0 } });
    await client.getAccessToken();
    sim.setFaults({ kind: 'slow', delayMs: 400, path: '/query' });
    await expect(client.listCustomers()).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('throttles', () => {
  it('keeps at most 10 requests in flight (the simulator throttles beyond)', async () => {
    const s = await freshSim();
    s.setFaults({ kind: 'slow', delayMs: 60, path: '/query' });
    const { client } = clientFor(s);
    await Promise.all(Array.from({ length: 30 }, () => client.listCustomers()));
    expect(s.stats.throttled).toBe(0);
    expect(s.stats.maxInFlight).toBe(10);

    const loose = await freshSim();
    loose.setFaults({ kind: 'slow', delayMs: 60, path: '/query' });
    const { client: greedy } = clientFor(loose, { limits: { maxConcurrent: 20 }, retry: { retries: 0 } });
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => greedy.listCustomers()));
    expect(loose.stats.throttled).toBeGreaterThan(0);
    expect(results.some((r) => r.status === 'rejected' && (r.reason as VendorError).kind === 'rate_limit')).toBe(true);
  });

  it('keeps under the per-window request budget', async () => {
    // The client's window is wider than the server's: arrival times jitter with latency.
    const s = await freshSim({ limits: { maxPerWindow: 4, windowMs: 200 } });
    const { client } = clientFor(s, { limits: { maxPerWindow: 4, windowMs: 400 } });
    await Promise.all(Array.from({ length: 10 }, () => client.listCustomers()));
    expect(s.stats.throttled).toBe(0);
    const starts = api(s).map((r) => r.startedAt).sort((a, b) => a - b);
    expect(starts).toHaveLength(10);
    expect(starts[9]! - starts[0]!).toBeGreaterThanOrEqual(700);

    const strict = await freshSim({ limits: { maxPerWindow: 4, windowMs: 200 } });
    const { client: unlimited } = clientFor(strict, { retry: { retries: 0 } });
    await Promise.allSettled(Array.from({ length: 10 }, () => unlimited.listCustomers()));
    expect(strict.stats.throttled).toBeGreaterThan(0);
  });
});

describe('client edges', () => {
  const config: QuickBooksConfig = { QUICKBOOKS_CLIENT_ID: 'id', QUICKBOOKS_CLIENT_SECRET: 's', QUICKBOOKS_REFRESH_TOKEN: 'rt', QUICKBOOKS_REALM_ID: '1' };
  const persistRefreshToken = async () => undefined;
  const stub = (body: unknown) =>
    (async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      const json = url.includes('/tokens/bearer') ? { access_token: 'at', refresh_token: 'rt', expires_in: 3600, token_type: 'bearer' } : body;
      return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;

  it('accepts Intuit’s customer sample and the invoice sample', async () => {
    const customers = await createQuickBooksClient(config, { persistRefreshToken, fetch: stub(customerFixture) }).listCustomers();
    expect(customers.length).toBe(customerFixture.QueryResponse.Customer.length);
    expect(customers[0]).toMatchObject({ id: customerFixture.QueryResponse.Customer[0]!.Id, displayName: "Amy's Bird Sanctuary", isActive: true });
    const invoices = await createQuickBooksClient(config, { persistRefreshToken, fetch: stub(invoiceFixture) }).listInvoices();
    expect(invoices).toHaveLength(2);
    expect(invoices[1]).toMatchObject({ id: '131', customerId: '1', totalAmount: 2350, balance: 2350, dueDate: '2025-10-15', lines: [{ amount: 2350, itemName: 'Hardware', itemId: '1' }] });
  });

  it('treats an entity key missing from QueryResponse as no rows', async () => {
    const client = createQuickBooksClient(config, { persistRefreshToken, fetch: stub({ QueryResponse: {}, time: 'x' }) });
    expect(await client.listInvoices({ from: '2030-01-01' })).toEqual([]);
  });

  it('rejects rows of the wrong shape', async () => {
    const client = createQuickBooksClient(config, { persistRefreshToken, fetch: stub({ QueryResponse: { Customer: [{ Id: 5 }] } }) });
    await expect(client.listCustomers()).rejects.toMatchObject({ kind: 'invalid_payload' });
  });

  it('requires its settings and the persistence callback', () => {
    expect(() => createQuickBooksClient({ ...config, QUICKBOOKS_REALM_ID: '' }, { persistRefreshToken })).toThrow(/QUICKBOOKS_REALM_ID is missing/);
    expect(() => createQuickBooksClient(config, {} as QuickBooksClientOptions)).toThrow(/persistRefreshToken/);
  });

  it('picks the token endpoint from the host', () => {
    expect(defaultTokenUrl('https://quickbooks.api.intuit.com')).toBe(INTUIT_TOKEN_URL);
    expect(defaultTokenUrl('https://sandbox-quickbooks.api.intuit.com')).toBe(INTUIT_TOKEN_URL);
    expect(defaultTokenUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/oauth2/v1/tokens/bearer');
    const client = createQuickBooksClient(config, { persistRefreshToken });
    expect(client.apiBaseUrl).toBe('https://quickbooks.api.intuit.com/v3/company/1/');
    expect(client.tokenUrl).toBe(INTUIT_TOKEN_URL);
  });

  it('quotes strings and chunks month ranges', () => {
    expect(qbString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
    expect(reportChunks('2024-11', '2025-02')).toEqual([{ startDate: '2024-11-01', endDate: '2025-02-28' }]);
    expect(reportChunks('2023-01', '2024-03')).toEqual([
      { startDate: '2023-01-01', endDate: '2023-06-30' },
      { startDate: '2023-07-01', endDate: '2023-12-31' },
      { startDate: '2024-01-01', endDate: '2024-03-31' },
    ]);
    expect(() => reportChunks('2025-02', '2025-01')).toThrow(RangeError);
    expect(() => reportChunks('2025-13', '2025-14')).toThrow(RangeError);
  });
});
