import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VendorError } from '../http/errors';
import { startSimServer, type RequestLog, type SimRequest, type SimResponse } from '@/lib/simulators/server';
import { createThreatLockerClient, type ThreatLockerConfig } from './client';

// The client against ThreatLocker's documented bodies (fixtures/README.md),
// served verbatim from a real HTTP server on loopback: a bare array, totals in
// a `pagination` header, zero-byte bodies for nothing found, and the
// documented error body. Not against this project's simulator, which could
// share a misreading with the client.

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const COMPUTERS = fixture('computers-get-by-all-parameters.json');
const PAGINATION = fixture('computers-pagination-header.json').trim();
const ORGANIZATIONS = fixture('organizations-child.json');
const ERROR_417 = fixture('error-417.json');
const API_KEY = 'fixture-api-key';
const MSP_ORGANIZATION = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a00';

const json = (raw: string, headers: Record<string, string> = {}): SimResponse => ({ status: 200, raw, headers: { 'content-type': 'application/json', ...headers } });

/** The `pagination` header in the documented format, for a slice of `total` rows. */
function pagination(pageNumber: number, pageSize: number, total: number, count: number): string {
  const firstItem = count === 0 ? 0 : (pageNumber - 1) * pageSize + 1;
  return JSON.stringify({ currentPage: pageNumber, itemsPerPage: pageSize, totalItems: total, totalPages: Math.ceil(total / pageSize), firstItem, lastItem: count === 0 ? 0 : firstItem + count - 1 });
}

function computers(body: { pageNumber: number; pageSize: number; searchText?: string; computerId?: string }): SimResponse {
  // The documented page as it is: 25 per page, all three computers on page 1.
  if (body.pageNumber === 1 && body.pageSize === 25 && !body.searchText && !body.computerId) return json(COMPUTERS, { pagination: PAGINATION });
  if (body.searchText === 'bad range') return { status: 417, raw: ERROR_417, headers: { 'content-type': 'application/json' } };
  if (body.searchText === 'no header') return { status: 200, raw: '' };
  let rows = JSON.parse(COMPUTERS) as Array<{ computerId: string; hostname: string }>;
  if (body.searchText) rows = rows.filter((r) => r.hostname.toLowerCase().includes(body.searchText!.toLowerCase()));
  if (body.computerId) rows = rows.filter((r) => r.computerId === body.computerId);
  const page = rows.slice((body.pageNumber - 1) * body.pageSize, body.pageNumber * body.pageSize);
  const header = { pagination: pagination(body.pageNumber, body.pageSize, rows.length, page.length) };
  // Nothing on this page: a zero-byte body, as ThreatLocker sends.
  return page.length === 0 ? { status: 200, raw: '', headers: header } : json(JSON.stringify(page), header);
}

function handle(request: SimRequest): SimResponse {
  if (request.headers.authorization !== API_KEY || request.headers.managedorganizationid !== MSP_ORGANIZATION) {
    return { status: 401, json: { LoggerId: 'fixture', StatusCode: 401, Message: 'Authorization has been denied for this request.' } };
  }
  const body = JSON.parse(request.body || '{}') as { pageNumber: number; pageSize: number };
  switch (request.route) {
    case '/portalapi/computer/computergetbyallparameters':
      return computers(body);
    case '/portalapi/organization/organizationgetchildorganizationsbyparameters':
      return body.pageNumber === 1 ? json(ORGANIZATIONS, { pagination: pagination(1, body.pageSize, 2, 2) }) : { status: 200, raw: '' };
    default:
      return { status: 404, json: { LoggerId: 'fixture', StatusCode: 404, Message: 'Not found' } };
  }
}

let server: { url: string; close(): Promise<void>; requests: RequestLog };
beforeAll(async () => {
  server = await startSimServer(handle);
});
afterAll(async () => {
  await server.close();
});
afterEach(() => server.requests.clear());

const client = (overrides: Partial<ThreatLockerConfig> = {}) =>
  createThreatLockerClient({ baseUrl: server.url, apiKey: API_KEY, organizationId: MSP_ORGANIZATION, pageSize: 25, retry: { retries: 0 }, ...overrides });
const LIST = '/portalapi/Computer/ComputerGetByAllParameters';

describe('ThreatLocker client on the documented bodies', () => {
  it('normalises the computer list field by field', async () => {
    const list = await client().listComputers();
    expect(list).toMatchObject({ totalItems: 3, totalPages: 1, pagesFetched: 1 });
    const [laptop, dc, reception] = list.computers;
    const { raw, ...fields } = laptop!;
    expect(fields).toEqual({
      vendor: 'threatlocker',
      computerId: '1d9e6f2a-0b3c-4d5e-8f7a-6b5c4d3e2f1a',
      hostname: 'ACME-ACCT-LAPTO',
      computerName: 'ACME-ACCT-LAPTO',
      organizationId: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
      organizationName: 'Acme Dental',
      group: 'Workstations',
      computerGroupId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      mode: 'Secure',
      // Microseconds in the body; milliseconds kept.
      lastCheckinAt: '2025-09-29T08:51:02.435Z',
      operatingSystem: 'Windows 11 Pro',
      osType: 1,
      serialNumber: 'PF1ABCDE',
      serialNumberRaw: 'PF1ABCDE',
      threatLockerVersion: '10.12.18.4926',
      dateAdded: '2024-06-03T14:22:05.000Z',
      installDate: null,
      username: 'ACME\\jsmith',
      lastCheckinIp: '10.20.1.57',
      denyCountOneDay: 0,
      denyCountThreeDays: 0,
      denyCountSevenDays: 0,
      isLockedOut: false,
      isIsolated: false,
      isDeleted: false,
      hasCheckedIn: true,
    });
    expect(raw).toEqual((JSON.parse(COMPUTERS) as unknown[])[0]);
    expect(dc).toMatchObject({
      hostname: 'ACME-DC01',
      group: 'Servers',
      mode: 'Application Control Learning Mode',
      operatingSystem: 'Windows Server 2022 Standard',
      serialNumber: '7149-6004-6720-8372-7705-4830-48',
      denyCountOneDay: 0,
      denyCountThreeDays: 1,
      denyCountSevenDays: 4,
    });
    expect(reception).toMatchObject({ hostname: 'RECEPTION-PC2', lastCheckinAt: '2025-09-12T16:03:19.000Z', threatLockerVersion: '10.11.5.4530', serialNumber: 'CZC1234XYZ' });
    const [request] = server.requests.matching(LIST);
    expect(JSON.parse(request!.body)).toMatchObject({ pageNumber: 1, pageSize: 25, childOrganizations: true });
  });

  it('pages by the documented pagination header, and reads a zero-byte page as empty', async () => {
    const list = await client({ pageSize: 2 }).listComputers();
    expect(list).toMatchObject({ totalItems: 3, totalPages: 2, pagesFetched: 2 });
    expect(list.computers.map((c) => c.hostname)).toEqual(['ACME-ACCT-LAPTO', 'ACME-DC01', 'RECEPTION-PC2']);

    const found = await client().listComputers({ searchText: 'DC01' });
    expect(found.computers.map((c) => c.hostname)).toEqual(['ACME-DC01']);
    const nothing = await client().listComputers({ searchText: 'no such computer' });
    expect(nothing).toMatchObject({ computers: [], totalItems: 0, pagesFetched: 1 });
    // Zero bytes and no header at all: still an empty list, not an error.
    expect(await client().listComputers({ searchText: 'no header' })).toMatchObject({ computers: [], totalItems: null });
  });

  it('finds one computer by id', async () => {
    expect(await client().getComputer('3f1a8b4c-2d5e-4f7a-8b9c-8d7e6f5a4b3c')).toMatchObject({ hostname: 'RECEPTION-PC2', organizationName: 'Acme Dental' });
    expect(await client().getComputer('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('lists child organisations as documented', async () => {
    const organizations = await client().listChildOrganizations();
    expect(organizations.map(({ raw: _raw, ...o }) => o)).toEqual([
      { id: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', name: 'Acme Dental', slug: 'acme-dental', computerCount: 3, activeCount: 3, dateAdded: '2024-06-01T00:00:00.000Z' },
      { id: '7a2e3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c', name: 'Bluebird Logistics', slug: 'bluebird-logistics', computerCount: 42, activeCount: 40, dateAdded: '2023-02-14T00:00:00.000Z' },
    ]);
  });

  it('reports the documented error body in its own words', async () => {
    const error = await client()
      .listComputers({ searchText: 'bad range' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ vendor: 'ThreatLocker', kind: 'client', status: 417, attempts: 1 });
    expect((error as VendorError).message).toBe('ThreatLocker rejected the request (HTTP 417 on POST /portalapi/Computer/ComputerGetByAllParameters): Invalid Date Range.');
  });
});
