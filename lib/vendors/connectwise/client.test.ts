import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VendorError } from '../http/errors';
import { connectWiseBaseUrl, createConnectWiseClient, nextLink, type ConnectWiseClientOptions } from './client';
import { evaluateConditions, parseConditions } from '@/lib/simulators/connectwise-conditions';
import { serviceTimeConditions, ticketsClosedConditions, ticketsEnteredConditions } from './conditions';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '@/lib/simulators/connectwise';
import { CLOSED_STATUSES, REACTIVE_BOARD, generateConnectWiseData } from '@/lib/simulators/connectwise-data';
import agreementsFixture from './fixtures/agreements.json';
import ticketsFixture from './fixtures/service-tickets.json';
import timeEntriesFixture from './fixtures/time-entries.json';

const NOW = new Date('2025-10-15T12:00:00Z');
const CLIENTS = ['Acme Dental', 'Birch Law Group', 'Cedar Logistics'];
const fast: ConnectWiseClientOptions = { retry: { baseDelayMs: 5, maxDelayMs: 20 } };

let sim: ConnectWiseSimulator;

beforeAll(async () => {
  sim = await startConnectWiseSimulator({ clients: CLIENTS, now: NOW, seed: 7, ownCompanyName: 'Enersystems, LLC' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.resetFaults();
  sim.requests.clear();
});

const apiRequests = () => sim.requests.matching(/\/apis\/3\.0\//);

describe('simulator data', () => {
  it('is deterministic for a seed and covers 2023-01 to now', () => {
    const a = generateConnectWiseData({ clients: CLIENTS, now: NOW, seed: 7 });
    const b = generateConnectWiseData({ clients: CLIENTS, now: NOW, seed: 7 });
    const c = generateConnectWiseData({ clients: CLIENTS, now: NOW, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.tickets)).not.toBe(JSON.stringify(c.tickets));
    const entered = a.tickets.map((t) => t._info.dateEntered).sort();
    expect(entered[0]!.startsWith('2023-01')).toBe(true);
    expect(entered[entered.length - 1]! <= NOW.toISOString()).toBe(true);
    expect(entered.some((d) => d.startsWith('2025-10'))).toBe(true);
  });

  it('keeps earlier months unchanged when now moves on', () => {
    const a = generateConnectWiseData({ clients: CLIENTS, now: NOW, seed: 7 });
    const later = generateConnectWiseData({ clients: CLIENTS, now: new Date('2026-03-01T00:00:00Z'), seed: 7 });
    const july = (d: typeof a) => d.tickets.filter((t) => t._info.dateEntered.startsWith('2025-07')).map((t) => [t.id, t.summary, t._info.dateEntered]);
    expect(july(later)).toEqual(july(a));
  });

  it('has the hard cases: child tickets, other boards, open tickets and non-ticket time', () => {
    const d = sim.data;
    expect(d.tickets.some((t) => t.parentTicketId !== null)).toBe(true);
    expect(new Set(d.tickets.map((t) => (t.board as { name: string }).name))).toEqual(new Set([REACTIVE_BOARD, 'Alerts', 'Projects']));
    expect(d.tickets.some((t) => t.closedFlag === false)).toBe(true);
    expect(new Set(d.tickets.filter((t) => t.closedFlag).map((t) => (t.status as { name: string }).name))).toEqual(new Set(CLOSED_STATUSES));
    expect(d.timeEntries.some((e) => e.chargeToType === 'ChargeCode')).toBe(true);
  });
});

describe('ConnectWise client against the simulator', () => {
  it('authenticates with Basic companyId+public:private and the clientId header', async () => {
    const client = createConnectWiseClient(sim.config, fast);
    const companies = await client.listCompanies();
    expect(companies.map((c) => c.name)).toEqual(['Enersystems, LLC', ...CLIENTS]);
    expect(companies[1]).toMatchObject({ identifier: 'AcmeDental', status: 'Active', types: ['Client'], isDeleted: false });
    const [req] = apiRequests();
    expect(req!.path).toBe('/v4_6_release/apis/3.0/company/companies');
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('msp+sim-public-key:sim-private-key').toString('base64')}`);
    expect(req!.headers.clientid).toBe(sim.config.CONNECTWISE_CLIENT_ID);
    expect(req!.query.pageSize).toBe('1000');
  });

  it('follows the Link header across pages without losing or repeating records', async () => {
    const client = createConnectWiseClient(sim.config, { ...fast, pageSize: 50 });
    const conditions = 'company/id=19300';
    const tickets = await client.listServiceTickets({ conditions });
    const expected = sim.data.tickets.filter((t) => t.company.id === 19300);
    expect(expected.length).toBeGreaterThan(150);
    expect(tickets.map((t) => t.id)).toEqual(expected.map((t) => t.id));
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    const reqs = apiRequests();
    expect(reqs).toHaveLength(Math.ceil(expected.length / 50));
    expect(reqs.map((r) => r.query.page)).toEqual(reqs.map((_, i) => String(i + 1)));
    for (const r of reqs) {
      expect(r.query.conditions).toBe(conditions);
      expect(r.query.pageSize).toBe('50');
    }
  });

  it('stops when a full page has no next link (exact multiple of the page size)', async () => {
    const total = sim.data.agreements.length; // 5 for three clients
    const client = createConnectWiseClient(sim.config, { ...fast, pageSize: total });
    expect(await client.listAgreements()).toHaveLength(total);
    expect(apiRequests()).toHaveLength(1);
  });

  it('caps pageSize at 1000', async () => {
    const client = createConnectWiseClient(sim.config, { ...fast, pageSize: 5000 });
    await client.listAgreements();
    expect(apiRequests()[0]!.query.pageSize).toBe('1000');
  });

  it('normalises tickets, time entries and agreements', async () => {
    const client = createConnectWiseClient(sim.config, fast);
    const raw = sim.data.tickets.find((t) => t.parentTicketId !== null)!;
    const [t] = await client.listServiceTickets({ conditions: `id=${raw.id}` });
    expect(t).toMatchObject({
      id: raw.id,
      boardName: REACTIVE_BOARD,
      companyName: raw.company.name,
      parentTicketId: raw.parentTicketId,
      enteredAt: raw._info.dateEntered,
      isClosed: raw.closedFlag,
    });
    const entries = await client.listTimeEntries({ conditions: `chargeToId=${raw.id} and chargeToType="ServiceTicket"` });
    for (const e of entries) expect(e).toMatchObject({ ticketId: raw.id, chargeToType: 'ServiceTicket', ticketBoard: REACTIVE_BOARD });
    expect(entries.reduce((s, e) => s + e.actualHours, 0)).toBeCloseTo(raw.actualHours as number, 6);
    const agreements = await client.listAgreements({ conditions: 'agreementStatus="Active"' });
    expect(agreements).toHaveLength(CLIENTS.length);
    expect(agreements[0]).toMatchObject({ typeName: 'Managed Services', status: 'Active', isCancelled: false, billingCycle: 'Monthly' });
    expect(agreements[0]!.billAmount).toBeGreaterThan(0);
  });

  it('answers the QBR month queries with exactly the matching records', async () => {
    const client = createConnectWiseClient(sim.config, { ...fast, pageSize: 100 });
    const range = { from: '2025-07-01', to: '2025-08-01' };
    const created = await client.listServiceTickets({ conditions: ticketsEnteredConditions({ board: REACTIVE_BOARD, ...range }) });
    const expectedCreated = sim.data.tickets.filter(
      (t) => (t.board as { name: string }).name === REACTIVE_BOARD && t.parentTicketId === null && t._info.dateEntered >= '2025-07-01' && t._info.dateEntered < '2025-08-01',
    );
    expect(created.map((t) => t.id).sort()).toEqual(expectedCreated.map((t) => t.id).sort());
    expect(created.length).toBeGreaterThan(20);
    expect(created.every((t) => t.parentTicketId === null && t.boardName === REACTIVE_BOARD)).toBe(true);

    const closed = await client.listServiceTickets({ conditions: ticketsClosedConditions({ board: REACTIVE_BOARD, statuses: CLOSED_STATUSES, ...range }) });
    expect(closed.length).toBeGreaterThan(20);
    for (const t of closed) {
      expect(t.closedAt! >= '2025-07-01' && t.closedAt! < '2025-08-01').toBe(true);
      expect(CLOSED_STATUSES).toContain(t.statusName);
    }

    const time = await client.listTimeEntries({ conditions: serviceTimeConditions(range) });
    expect(time.length).toBeGreaterThan(20);
    expect(time.every((e) => e.chargeToType === 'ServiceTicket' && e.timeStart! >= '2025-07-01' && e.timeStart! < '2025-08-01')).toBe(true);
    const node = parseConditions(serviceTimeConditions(range));
    expect(time).toHaveLength(sim.data.timeEntries.filter((e) => evaluateConditions(node, e)).length);
  });

  it('reports a bad conditions string as a client error', async () => {
    const client = createConnectWiseClient(sim.config, fast);
    const err = await client.listServiceTickets({ conditions: 'board/name = ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect((err as VendorError).kind).toBe('client');
    expect((err as VendorError).status).toBe(400);
  });
});

describe('ConnectWise faults', () => {
  it('waits for Retry-After on 429 and then succeeds', async () => {
    sim.setFaults({ kind: 'rate_limit', retryAfterSeconds: 0.3, times: 1 });
    const client = createConnectWiseClient(sim.config, fast);
    const started = Date.now();
    const companies = await client.listCompanies();
    expect(companies).toHaveLength(CLIENTS.length + 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(apiRequests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 500s and succeeds once the server recovers', async () => {
    sim.setFaults({ kind: 'server_error', times: 2 });
    const client = createConnectWiseClient(sim.config, fast);
    await expect(client.listAgreements()).resolves.toHaveLength(5);
    expect(apiRequests().map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up on persistent 500s with a server error', async () => {
    sim.setFaults({ kind: 'server_error' });
    const client = createConnectWiseClient(sim.config, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const err = await client.listAgreements().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VendorError);
    expect(err).toMatchObject({ kind: 'server', status: 500, attempts: 3 });
    expect(apiRequests()).toHaveLength(3);
  });

  it('fails on malformed JSON with invalid_payload', async () => {
    sim.setFaults({ kind: 'malformed_json', path: '/service/tickets' });
    const client = createConnectWiseClient(sim.config, fast);
    await expect(client.listCompanies()).resolves.toHaveLength(4);
    const err = await client.listServiceTickets().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'invalid_payload' });
  });

  it('does not retry revoked keys', async () => {
    sim.setFaults({ kind: 'unauthorized' });
    const client = createConnectWiseClient(sim.config, fast);
    const err = await client.listCompanies().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect((err as Error).message).toContain('CONNECTWISE_PUBLIC_KEY');
    expect(apiRequests()).toHaveLength(1);
  });

  it('rejects wrong credentials and a missing clientId', async () => {
    const wrongKey = createConnectWiseClient({ ...sim.config, CONNECTWISE_PRIVATE_KEY: 'nope' }, fast);
    await expect(wrongKey.listCompanies()).rejects.toMatchObject({ kind: 'auth' });
    const wrongClient = createConnectWiseClient({ ...sim.config, CONNECTWISE_CLIENT_ID: 'other' }, fast);
    await expect(wrongClient.listCompanies()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('times out a slow answer', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 400 });
    const client = createConnectWiseClient(sim.config, { timeoutMs: 100, retry: { retries: 0 } });
    await expect(client.listCompanies()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('survives a slow answer within the timeout', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 100, times: 1 });
    const client = createConnectWiseClient(sim.config, { timeoutMs: 2000 });
    await expect(client.listCompanies()).resolves.toHaveLength(4);
  });
});

describe('client edges without the simulator', () => {
  const respond = (body: unknown, headers: Record<string, string> = {}) =>
    (async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } })) as typeof fetch;
  const config = { CONNECTWISE_SERVER: 'na.myconnectwise.net', CONNECTWISE_COMPANY_ID: 'c', CONNECTWISE_CLIENT_ID: 'id', CONNECTWISE_PUBLIC_KEY: 'p', CONNECTWISE_PRIVATE_KEY: 'k' };

  it('accepts the real ticket capture and the constructed time-entry and agreement samples', async () => {
    const tickets = await createConnectWiseClient(config, { fetch: respond(ticketsFixture) }).listServiceTickets();
    expect(tickets).toHaveLength(ticketsFixture.length);
    expect(tickets[0]).toMatchObject({ id: 3186, statusName: '>Closed', enteredAt: '2018-08-09T15:22:36Z', isClosed: true, actualHours: 1.07, parentTicketId: null });
    const entries = await createConnectWiseClient(config, { fetch: respond(timeEntriesFixture) }).listTimeEntries();
    expect(entries.map((e) => e.ticketId)).toEqual([45001, 45002, null]);
    expect(entries[2]).toMatchObject({ chargeToType: 'ChargeCode', chargeToId: 7, actualHours: 1 });
    const agreements = await createConnectWiseClient(config, { fetch: respond(agreementsFixture) }).listAgreements();
    expect(agreements[1]).toMatchObject({ id: 813, hasNoEndDate: true, endDate: null, billAmount: 1500 });
  });

  it('rejects a payload of the wrong shape', async () => {
    const client = createConnectWiseClient(config, { fetch: respond([{ id: 'x' }]) });
    await expect(client.listServiceTickets()).rejects.toMatchObject({ kind: 'invalid_payload' });
  });

  it('refuses to follow a next link to another server', async () => {
    const page = Array.from({ length: 2 }, (_, i) => ({ id: i + 1, name: `C${i}` }));
    const client = createConnectWiseClient(config, { pageSize: 2, fetch: respond(page, { link: '<https://evil.example/v4_6_release/apis/3.0/company/companies?page=2>; rel="next"' }) });
    await expect(client.listCompanies()).rejects.toMatchObject({ kind: 'invalid_payload' });
  });

  it('resolves a relative next link against the server', async () => {
    const urls: string[] = [];
    const fetchStub = (async (input: string | URL | Request) => {
      const url = String(input instanceof Request ? input.url : input);
      urls.push(url);
      const first = urls.length === 1;
      const body = first ? [{ id: 1, name: 'A' }, { id: 2, name: 'B' }] : [{ id: 3, name: 'C' }];
      const headers: Record<string, string> = first ? { link: '</v4_6_release/apis/3.0/company/companies?page=2&pageSize=2>; rel="next"' } : {};
      return new Response(JSON.stringify(body), { status: 200, headers });
    }) as typeof fetch;
    const companies = await createConnectWiseClient(config, { pageSize: 2, fetch: fetchStub }).listCompanies();
    expect(companies.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(urls[1]).toBe('https://na.myconnectwise.net/v4_6_release/apis/3.0/company/companies?page=2&pageSize=2');
  });

  it('names missing settings', () => {
    expect(() => createConnectWiseClient({ ...config, CONNECTWISE_PUBLIC_KEY: '', CONNECTWISE_CLIENT_ID: ' ' })).toThrow(/CONNECTWISE_CLIENT_ID, CONNECTWISE_PUBLIC_KEY are missing/);
  });

  it('builds the base URL and reads Link headers', () => {
    expect(connectWiseBaseUrl('na.myconnectwise.net')).toBe('https://na.myconnectwise.net/v4_6_release/apis/3.0/');
    expect(connectWiseBaseUrl('http://127.0.0.1:9/', 'v2025_1')).toBe('http://127.0.0.1:9/v2025_1/apis/3.0/');
    expect(connectWiseBaseUrl('https://cw.example.com/v4_6_release/apis/3.0')).toBe('https://cw.example.com/v4_6_release/apis/3.0/');
    expect(nextLink('<https://x/a?page=1>; rel="first", <https://x/a?page=3>; rel="next", <https://x/a?page=9>; rel="last"')).toBe('https://x/a?page=3');
    expect(nextLink('<https://x/a?page=1>; rel="first"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
