import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VendorError } from '../http/errors';
import {
  createThreatLockerClient,
  parsePaginationHeaders,
  threatLockerTimeToIso,
  type ThreatLockerConfig,
} from './client';
import { startThreatLockerSimulator, type ThreatLockerSimulator, type ThreatLockerSimulatorOptions } from '@/lib/simulators/threatlocker';

const retry = { baseDelayMs: 10, maxDelayMs: 50 };
const LIST = '/portalapi/Computer/ComputerGetByAllParameters';

let sim: ThreatLockerSimulator;

beforeAll(async () => {
  sim = await startThreatLockerSimulator({ fleet: { size: 230 } });
});
afterAll(async () => {
  await sim.close();
});

async function settle(target: ThreatLockerSimulator = sim) {
  target.resetFaults();
  await vi.waitFor(() => expect(target.requests.inFlight).toBe(0));
  target.requests.clear();
}
afterEach(() => settle());

function client(overrides: Partial<ThreatLockerConfig> = {}, target: ThreatLockerSimulator = sim) {
  return createThreatLockerClient({
    baseUrl: target.url,
    apiKey: target.apiKey,
    organizationId: target.parentOrganizationId,
    pageSize: 50,
    retry,
    ...overrides,
  });
}

async function withSimulator(options: ThreatLockerSimulatorOptions, run: (s: ThreatLockerSimulator) => Promise<void>) {
  const other = await startThreatLockerSimulator(options);
  try {
    await run(other);
  } finally {
    await other.close();
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a VendorError');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(VendorError);
      return error as VendorError;
    },
  );

const pageNumbers = (target: ThreatLockerSimulator) =>
  target.requests.matching(LIST).map((r) => (JSON.parse(r.body) as { pageNumber: number }).pageNumber);

describe('ThreatLocker client: paging', () => {
  it('lists every computer across pages, with totals from the pagination header', async () => {
    const list = await client().listComputers();
    expect(list.totalItems).toBe(230);
    expect(list.totalPages).toBe(5);
    expect(list.pagesFetched).toBe(5);
    expect(list.computers).toHaveLength(230);
    expect(new Set(list.computers.map((c) => c.computerId)).size).toBe(230);
    expect(pageNumbers(sim).sort()).toEqual([1, 2, 3, 4, 5]);

    const first = sim.requests.matching(LIST)[0]!;
    expect(JSON.parse(first.body)).toMatchObject({ pageNumber: 1, pageSize: 50, childOrganizations: true, orderBy: 'computername', isAscending: true });
  });

  it('sends the raw key and the managed organisation, and keeps pages within maxConcurrency', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 30 });
    await client({ maxConcurrency: 2 }).listComputers();
    expect(sim.requests.maxInFlight).toBe(2);
  });

  it('reads separate totalItems/totalPages headers', async () => {
    await withSimulator({ fleet: { size: 60 }, paginationHeader: 'split', rowTotals: false }, async (other) => {
      const list = await client({ pageSize: 25 }, other).listComputers();
      expect(list).toMatchObject({ totalItems: 60, totalPages: 3, pagesFetched: 3 });
      expect(list.computers).toHaveLength(60);
    });
  });

  it('falls back to the rows’ totalRows without headers', async () => {
    await withSimulator({ fleet: { size: 60 }, paginationHeader: 'none' }, async (other) => {
      const list = await client({ pageSize: 25 }, other).listComputers();
      expect(list).toMatchObject({ totalItems: 60, totalPages: 3, pagesFetched: 3 });
    });
  });

  it('without any totals walks until a zero-byte page when the total is a multiple of pageSize', async () => {
    await withSimulator({ fleet: { size: 100 }, paginationHeader: 'none', rowTotals: false }, async (other) => {
      const list = await client({ pageSize: 50 }, other).listComputers();
      expect(list.computers).toHaveLength(100);
      expect(list.totalItems).toBeNull();
      expect(pageNumbers(other)).toEqual([1, 2, 3]);
      const last = other.requests.matching(LIST)[2]!;
      expect(last.status).toBe(200);
    });
  });

  it('reads a zero-byte body as an empty list', async () => {
    const list = await client({ organizationId: sim.parentOrganizationId, childOrganizations: false }).listComputers();
    expect(list).toMatchObject({ computers: [], totalItems: 0, pagesFetched: 1 });
  });

  it('refuses a partial list when a page comes back empty mid-way', async () => {
    sim.setFaults({ kind: 'empty_body', page: 3 });
    const error = await failure(client().listComputers());
    expect(error.kind).toBe('invalid_payload');
    expect(error.message).toContain('empty page 3 of 5 although it reported 230 computers');
  });

  it('scopes to one client organisation through ManagedOrganizationId', async () => {
    const acme = sim.fleet.organizations[0]!;
    const list = await client({ organizationId: acme.threatLockerId }).listComputers();
    const expected = sim.fleet.threatLockerComputers.filter((c) => c.organizationIndex === 0).length;
    expect(list.computers).toHaveLength(expected);
    expect(list.computers.every((c) => c.organizationName === 'Acme Dental')).toBe(true);
  });
});

describe('ThreatLocker client: normalisation', () => {
  it('keeps the fields the inventory needs', async () => {
    const { computers } = await client().listComputers();
    const laptop = computers.find((c) => c.computerId === '1d9e6f2a-0b3c-4d5e-8f7a-6b5c4d3e2f1a')!;
    expect(laptop).toMatchObject({
      vendor: 'threatlocker',
      hostname: 'ACME-ACCT-LAPTO',
      computerName: 'ACME-ACCT-LAPTO',
      organizationId: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
      organizationName: 'Acme Dental',
      group: 'Workstations',
      mode: 'Secure',
      operatingSystem: 'Windows 11 Pro',
      osType: 1,
      serialNumber: 'PF1ABCDE',
      lastCheckinIp: '10.20.1.57',
      isLockedOut: false,
      hasCheckedIn: true,
    });
    expect(laptop.lastCheckinAt).toMatch(/^2025-09-29T08:51:02\.\d{3}Z$/);
    expect(laptop.raw).toMatchObject({ computerId: laptop.computerId, totalRows: 230 });
  });

  it('keeps the hard cases visible: duplicates, truncation, renamed organisations', async () => {
    const { computers } = await client().listComputers();
    const duplicate = sim.fleet.cases.duplicateInThreatLocker[0]!;
    expect(computers.filter((c) => c.hostname === duplicate).length).toBeGreaterThanOrEqual(2);
    for (const hostname of sim.fleet.cases.truncatedHostnames) {
      // Some are also lower-cased (another hard case), so compare without case.
      expect(computers.some((c) => c.hostname.toUpperCase() === hostname.slice(0, 15).toUpperCase())).toBe(true);
    }
    const renamed = sim.fleet.cases.renamedOrganizations[0]!;
    expect(computers.some((c) => c.organizationName === renamed.threatLockerName)).toBe(true);
    const placeholder = sim.fleet.cases.placeholderSerials.find((h) => computers.some((c) => c.hostname.toLowerCase() === h.slice(0, 15).toLowerCase()));
    if (placeholder) {
      const computer = computers.find((c) => c.hostname.toLowerCase() === placeholder.slice(0, 15).toLowerCase())!;
      expect(computer.serialNumber).toBeNull();
    }
  });

  it('reads ThreatLocker timestamps as UTC', () => {
    expect(threatLockerTimeToIso('2025-09-29T08:51:02.435815Z')).toBe('2025-09-29T08:51:02.435Z');
    expect(threatLockerTimeToIso('2025-09-29T08:51:02')).toBe('2025-09-29T08:51:02.000Z');
    expect(threatLockerTimeToIso('0001-01-01T00:00:00')).toBeNull();
    expect(threatLockerTimeToIso('')).toBeNull();
    expect(threatLockerTimeToIso(null)).toBeNull();
  });

  it('parses every pagination header style', () => {
    expect(parsePaginationHeaders(new Headers({ pagination: '{"currentPage":1,"itemsPerPage":25,"totalItems":3,"totalPages":1,"firstItem":1,"lastItem":3}' }))).toEqual({
      currentPage: 1,
      itemsPerPage: 25,
      totalItems: 3,
      totalPages: 1,
    });
    expect(parsePaginationHeaders(new Headers({ totalItems: '40', totalPages: '2' }))).toMatchObject({ totalItems: 40, totalPages: 2 });
    expect(parsePaginationHeaders(new Headers({ pagination: 'not json' }))).toBeNull();
    expect(parsePaginationHeaders(new Headers())).toBeNull();
  });
});

describe('ThreatLocker client: organisations, sync and rename', () => {
  it('lists child organisations', async () => {
    const organizations = await client({ pageSize: 4 }).listChildOrganizations();
    expect(organizations.map((o) => o.id).sort()).toEqual(sim.fleet.organizations.map((o) => o.threatLockerId).sort());
    const renamed = sim.fleet.cases.renamedOrganizations[0]!;
    expect(organizations.some((o) => o.name === renamed.threatLockerName)).toBe(true);
    const acme = organizations.find((o) => o.name === 'Acme Dental')!;
    expect(acme.computerCount).toBe(sim.fleet.threatLockerComputers.filter((c) => c.organizationIndex === 0).length);
  });

  it('gets one computer for a sync, or null when unknown', async () => {
    const computer = await client().getComputer('3f1a8b4c-2d5e-4f7a-8b9c-8d7e6f5a4b3c');
    expect(computer).toMatchObject({ hostname: 'RECEPTION-PC2', serialNumber: 'CZC1234XYZ' });
    expect(await client().getComputer('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('renames a computer so a later read sees the new name', async () => {
    const target = sim.fleet.cases.displayNameMismatch[0]!;
    const before = sim.fleet.threatLockerComputers.find((c) => c.computerName === target.threatLockerComputerName)!;
    const c = client();
    const updated = await c.updateComputerName(before.computerId, `  ${target.ninjaDisplayName}  `);
    expect(updated).toMatchObject({ computerId: before.computerId, computerName: target.ninjaDisplayName, hostname: before.hostname });

    const patch = sim.requests.matching('/portalapi/Computer/ComputerUpdateForEdit', 'PATCH');
    expect(patch).toHaveLength(1);
    expect(JSON.parse(patch[0]!.body)).toMatchObject({ computerId: before.computerId, computerGroupId: before.computerGroupId, name: target.ninjaDisplayName, options: [] });

    const { computers } = await c.listComputers();
    expect(computers.find((x) => x.computerId === before.computerId)?.computerName).toBe(target.ninjaDisplayName);
    expect(sim.fleet.threatLockerComputers.find((x) => x.computerId === before.computerId)?.computerName).toBe(target.ninjaDisplayName);
    const forEdit = await c.getComputerForEdit(before.computerId);
    expect(forEdit.name).toBe(target.ninjaDisplayName);
  });

  it('refuses an empty name and reports an unknown computer', async () => {
    await expect(client().updateComputerName('3f1a8b4c-2d5e-4f7a-8b9c-8d7e6f5a4b3c', '   ')).rejects.toThrow(RangeError);
    const error = await failure(client().updateComputerName('00000000-0000-4000-8000-000000000000', 'X'));
    expect(error).toMatchObject({ kind: 'client', status: 404, endpoint: 'GET /portalapi/Computer/ComputerGetForEditById' });
    expect(error.message).toContain('Computer not found');
  });
});

describe('ThreatLocker client: authentication and faults', () => {
  it('fails with an auth error, without retrying, on a wrong key', async () => {
    const error = await failure(client({ apiKey: 'wrong' }).listComputers());
    expect(error).toMatchObject({ vendor: 'ThreatLocker', kind: 'auth', status: 401, attempts: 1 });
    expect(error.message).toContain('THREATLOCKER_API_KEY');
    expect(sim.requests.count).toBe(1);
  });

  it('does not send the key as a bearer token', async () => {
    const response = await fetch(`${sim.url}${LIST}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.apiKey}`, managedorganizationid: sim.parentOrganizationId, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('reports an organisation the key cannot manage', async () => {
    const error = await failure(client({ organizationId: '11111111-1111-4111-8111-111111111111' }).listComputers());
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
  });

  it('fails when the key expires', async () => {
    const c = client();
    await c.getComputer('3f1a8b4c-2d5e-4f7a-8b9c-8d7e6f5a4b3c');
    sim.setFaults({ kind: 'expired_token' });
    const error = await failure(c.listComputers());
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
  });

  it('honours Retry-After on 429', async () => {
    sim.setFaults({ kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const list = await client().listComputers();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(list.computers).toHaveLength(230);
    expect(sim.requests.matching(LIST)[0]?.status).toBe(429);
  });

  it('retries 500s and then succeeds', async () => {
    sim.setFaults({ kind: 'server_error', times: 2 });
    const list = await client().listComputers();
    expect(list.computers).toHaveLength(230);
    expect(sim.requests.matching(LIST).filter((r) => r.status === 500)).toHaveLength(2);
  });

  it('gives up on persistent 500s with a server error', async () => {
    sim.setFaults({ kind: 'server_error', times: 100 });
    const error = await failure(client({ retry: { ...retry, retries: 2 } }).listComputers());
    expect(error).toMatchObject({ kind: 'server', status: 500, attempts: 3, endpoint: 'POST /portalapi/Computer/ComputerGetByAllParameters' });
    expect(error.message).toContain('An error has occurred.');
  });

  it('times out slow pages', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 3000 });
    const error = await failure(client({ timeoutMs: 100, retry: { ...retry, retries: 1 } }).listComputers());
    expect(error).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(error.message).toContain('did not answer within 0.1 s (POST /portalapi/Computer/ComputerGetByAllParameters)');
  });

  it('fails a malformed page with invalid_payload naming the endpoint and page', async () => {
    sim.setFaults({ kind: 'malformed_json', page: 2 });
    const error = await failure(client().listComputers());
    expect(error.kind).toBe('invalid_payload');
    expect(error.message).toContain('malformed JSON from POST /portalapi/Computer/ComputerGetByAllParameters (page 2)');
  });
});
