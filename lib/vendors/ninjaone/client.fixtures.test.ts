import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type RequestLog, type SimRequest, type SimResponse } from '@/lib/simulators/server';
import { createNinjaOneClient, type NinjaOneConfig } from './client';

// The client against NinjaOne's documented bodies (fixtures/README.md), served
// verbatim from a real HTTP server on loopback: not against this project's
// simulator, which could share a misreading with the client.

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const DEVICES = fixture('devices-detailed.json');
const ORGANIZATIONS = fixture('organizations.json');
const LOCATIONS = fixture('locations.json');
const CUSTOM_FIELDS = fixture('queries-custom-fields.json');
const TOKEN = fixture('oauth-token.json');
const CLIENT = { clientId: 'fixture-client', clientSecret: 'fixture-secret' };

const json = (raw: string): SimResponse => ({ status: 200, raw, headers: { 'content-type': 'application/json' } });

/** Keyset paging over a documented list: the file itself when one page holds it all, else the slice after `after`. */
function keysetPage(request: SimRequest, body: string, only: (row: { id: number }) => boolean = () => true): SimResponse {
  const rows = (JSON.parse(body) as Array<{ id: number }>).filter(only);
  const pageSize = Number(request.url.searchParams.get('pageSize') ?? 1000);
  const after = request.url.searchParams.get('after');
  const all = JSON.parse(body) as unknown[];
  if (after === null && rows.length === all.length && pageSize >= rows.length) return json(body);
  return json(JSON.stringify(rows.filter((row) => after === null || row.id > Number(after)).slice(0, pageSize)));
}

/** `df=id=N` and `df=org=N`, the filters the client sends. */
function deviceFilter(df: string | null): (device: { id?: number; deviceId?: number; organizationId?: number }) => boolean {
  const match = /^(id|org)\s*=\s*(\d+)$/.exec(df ?? '');
  if (!match) return () => true;
  const value = Number(match[2]);
  return (device) => (match[1] === 'id' ? (device.id ?? device.deviceId) === value : device.organizationId === value);
}

function customFields(request: SimRequest): SimResponse {
  const report = JSON.parse(CUSTOM_FIELDS) as { cursor: { name: string }; results: Array<{ deviceId: number }> };
  const cursor = request.url.searchParams.get('cursor');
  // The next page of the documented cursor is empty: the report is complete.
  if (cursor === report.cursor.name) return json(JSON.stringify({ cursor: { ...report.cursor, offset: report.results.length, count: 0 }, results: [] }));
  const df = request.url.searchParams.get('df');
  if (!df) return json(CUSTOM_FIELDS);
  const filter = deviceFilter(df);
  return json(JSON.stringify({ ...report, results: report.results.filter((r) => filter(r)) }));
}

function handle(request: SimRequest): SimResponse {
  if (request.route === '/ws/oauth/token') {
    const form = new URLSearchParams(request.body);
    if (form.get('client_id') !== CLIENT.clientId || form.get('client_secret') !== CLIENT.clientSecret) {
      return { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    return form.get('grant_type') === 'client_credentials' ? json(TOKEN) : { status: 400, json: { error: 'unsupported_grant_type' } };
  }
  if (request.headers.authorization !== 'Bearer fixture-access-token') return { status: 401, json: { error: 'invalid_token' } };
  const df = request.url.searchParams.get('df');
  switch (request.route) {
    case '/v2/devices-detailed':
      return keysetPage(request, DEVICES, deviceFilter(df));
    case '/v2/organizations':
      return keysetPage(request, ORGANIZATIONS);
    case '/v2/locations':
      return keysetPage(request, LOCATIONS);
    case '/v2/queries/custom-fields':
      return customFields(request);
    default:
      return { status: 404, json: { errorMessage: 'Not found' } };
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

const client = (overrides: Partial<NinjaOneConfig> = {}) =>
  createNinjaOneClient({ baseUrl: server.url, ...CLIENT, retry: { retries: 0 }, ...overrides });

describe('NinjaOne client on the documented bodies', () => {
  it('normalises devices-detailed field by field, joined with organisations, locations and custom fields', async () => {
    const devices = await client().listDevices();
    expect(devices.map((d) => d.id)).toEqual([1042, 1043, 1044]);
    const { raw, ...laptop } = devices[0]!;
    expect(laptop).toEqual({
      vendor: 'ninjaone',
      id: 1042,
      uid: '3f6b2c1e-8d4a-4c7e-9a51-0c2d7e4b9f10',
      hostname: 'ACME-ACCT-LAPTOP-07',
      systemName: 'ACME-ACCT-LAPTOP-07',
      dnsName: 'ACME-ACCT-LAPTOP-07.acme.local',
      netbiosName: 'ACME-ACCT-LAPTO',
      displayName: 'Accounting laptop 07',
      serialNumber: 'PF1ABCDE',
      serialNumberRaw: 'PF1ABCDE',
      organizationId: 7,
      organizationName: 'Acme Dental',
      locationId: 21,
      locationName: 'HQ',
      nodeClass: 'WINDOWS_WORKSTATION',
      deviceType: 'workstation',
      chassisType: 'LAPTOP',
      isVirtualMachine: false,
      approvalStatus: 'APPROVED',
      manufacturer: 'LENOVO',
      model: '20L5CTO1WW',
      osName: 'Windows 11 Pro Edition',
      osBuild: '22631',
      osReleaseId: '23H2',
      osArchitecture: '64-bit',
      ramBytes: 17014484992,
      storageTotalBytes: 254721126400,
      volumes: [{ name: 'C:', label: 'Windows', capacityBytes: 254721126400, freeBytes: 98234567680 }],
      cpuName: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz',
      cpuCores: 4,
      cpuLogicalCores: 8,
      cpuMaxClockHz: 1896000000,
      // Epoch seconds as doubles: the fraction is kept to the millisecond.
      lastContactAt: '2025-09-29T09:06:15.901Z',
      createdAt: '2024-06-03T16:00:00.123Z',
      isOnline: true,
      lastLoggedInUser: 'ACME\\jsmith',
      hasTpm: true,
      tpmEnabled: true,
      tpmVersion: '2.0',
      secureBootAvailable: true,
      secureBootEnabled: true,
      customFields: { hastpm: true, tpmenabled: true, tpmversion: '2.0, 0, 1.38', securebootavailable: true, securebootenabled: true },
    });
    expect(raw).toEqual((JSON.parse(DEVICES) as unknown[])[0]);

    // No displayName in the body, an empty volume label, offline, text-valued custom fields.
    expect(devices[1]).toMatchObject({
      hostname: 'FRONTDESK-01',
      dnsName: 'FRONTDESK-01.acme.local',
      displayName: null,
      serialNumber: '7XYZ123',
      locationName: 'Branch - North',
      osName: 'Windows 10 Pro Edition',
      osBuild: '19045',
      cpuName: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz',
      volumes: [{ name: 'C:', label: null, capacityBytes: 255230164992, freeBytes: 120034590720 }],
      lastContactAt: '2025-08-24T01:46:40.000Z',
      createdAt: '2021-01-01T00:00:00.000Z',
      isOnline: false,
      hasTpm: true,
      tpmVersion: '1.2',
      secureBootAvailable: false,
      secureBootEnabled: false,
    });
    // A virtual server without readiness fields: unknown, not "no".
    expect(devices[2]).toMatchObject({
      hostname: 'ACME-DC01',
      deviceType: 'server',
      isVirtualMachine: true,
      serialNumber: '7149-6004-6720-8372-7705-4830-48',
      ramBytes: 68913397760,
      createdAt: '2025-03-27T15:20:26.525Z',
      hasTpm: null,
      tpmVersion: null,
      secureBootEnabled: null,
      customFields: {},
    });
  });

  it('lists organisations and locations as documented', async () => {
    const c = client();
    expect((await c.listOrganizations()).map(({ raw: _raw, ...o }) => o)).toEqual([
      { id: 7, name: 'Acme Dental', description: 'Dental practice, two sites' },
      { id: 9, name: 'Bluebird Logistics', description: null },
    ]);
    expect((await c.listLocations()).map(({ raw: _raw, ...l }) => l)).toEqual([
      { id: 21, organizationId: 7, name: 'HQ', description: 'Head office' },
      { id: 22, organizationId: 7, name: 'Branch - North', description: null },
      { id: 30, organizationId: 9, name: 'Main Office', description: null },
    ]);
  });

  it('pages with after = the last id, and follows the report cursor until a page is empty', async () => {
    const devices = await client({ pageSize: 2 }).listDevices();
    expect(devices.map((d) => d.id)).toEqual([1042, 1043, 1044]);
    expect(server.requests.matching('/v2/devices-detailed').map((r) => r.query)).toEqual([{ pageSize: '2' }, { pageSize: '2', after: '1043' }]);
    expect(server.requests.matching('/v2/organizations').map((r) => r.query.after)).toEqual([undefined, '9']);
    const reports = server.requests.matching('/v2/queries/custom-fields');
    expect(reports.map((r) => r.query.cursor)).toEqual([undefined, '0d6f3a52-7c1e-4b9a-a8f2-5e4d3c2b1a09']);
    expect(devices[0]?.tpmVersion).toBe('2.0');
  });

  it('fetches one device with df=id', async () => {
    const dc = await client().getDevice(1044);
    expect(dc).toMatchObject({ id: 1044, hostname: 'ACME-DC01', organizationName: 'Acme Dental', locationName: 'HQ' });
    expect(server.requests.matching('/v2/devices-detailed')[0]?.query.df).toBe('id=1044');
  });

  it('reads the documented token response and keeps the token for expires_in', async () => {
    let now = Date.parse('2025-09-29T09:00:00Z');
    const c = client({ now: () => now });
    await c.listOrganizations();
    await c.listLocations();
    const tokens = () => server.requests.matching('/ws/oauth/token');
    expect(tokens()).toHaveLength(1);
    expect(tokens()[0]?.body).toContain('grant_type=client_credentials');
    expect(tokens()[0]?.body).toContain('scope=monitoring+management');
    expect(await c.getAccessToken()).toBe('fixture-access-token');
    now += 3600_000 - 59_000; // within the renewal margin of the documented 3600 s
    await c.listOrganizations();
    expect(tokens()).toHaveLength(2);
  });
});
