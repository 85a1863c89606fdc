import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VendorError } from '../http/errors';
import { createNinjaOneClient, deviceTypeFor, type NinjaOneConfig } from './client';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '@/lib/simulators/ninjaone';

const retry = { baseDelayMs: 10, maxDelayMs: 50 };

let sim: NinjaOneSimulator;

beforeAll(async () => {
  sim = await startNinjaOneSimulator({ fleet: { size: 120 } });
});
afterAll(async () => {
  await sim.close();
});
/** Clears faults and the log once abandoned (timed-out) requests have been logged. */
async function settle() {
  sim.resetFaults();
  await vi.waitFor(() => expect(sim.requests.inFlight).toBe(0));
  sim.requests.clear();
}
afterEach(settle);

function client(overrides: Partial<NinjaOneConfig> = {}) {
  return createNinjaOneClient({
    baseUrl: sim.url,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    pageSize: 25,
    retry,
    ...overrides,
  });
}

const tokenRequests = () => sim.requests.matching('/ws/oauth/token');
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

describe('NinjaOne client: paging', () => {
  it('lists every device across several keyset pages', async () => {
    const devices = await client().listDevices();
    expect(devices.map((d) => d.id)).toEqual(sim.fleet.ninjaDevices.map((d) => d.id));

    const pages = sim.requests.matching('/v2/devices-detailed');
    expect(pages).toHaveLength(5); // 25 + 25 + 25 + 25 + 20
    expect(pages[0]?.query).toEqual({ pageSize: '25' });
    const ids = sim.fleet.ninjaDevices.map((d) => d.id);
    for (let page = 1; page < pages.length; page += 1) {
      expect(pages[page]?.query.after).toBe(String(ids[page * 25 - 1]));
    }
  });

  it('asks once more and stops on an empty page when the total is a multiple of pageSize', async () => {
    const devices = await client({ pageSize: 20 }).listRawDevices();
    expect(devices).toHaveLength(120);
    expect(sim.requests.matching('/v2/devices-detailed')).toHaveLength(7);
  });

  it('pages organisations and locations the same way', async () => {
    const c = client({ pageSize: 2 });
    const organizations = await c.listOrganizations();
    const locations = await c.listLocations();
    expect(organizations.map((o) => o.name)).toEqual(sim.fleet.organizations.map((o) => o.ninjaName));
    expect(locations).toHaveLength(sim.fleet.organizations.flatMap((o) => o.locations).length);
    expect(sim.requests.matching('/v2/organizations').length).toBeGreaterThan(2);
  });

  it('reads readiness custom fields in bulk, never per device', async () => {
    await client().listDevices();
    const withFields = sim.fleet.ninjaDevices.filter((d) => d.customFields !== null).length;
    const queries = sim.requests.matching('/v2/queries/custom-fields');
    expect(queries.length).toBeLessThanOrEqual(Math.ceil(withFields / 25) + 1);
    expect(queries[0]?.query.fields?.split(',')).toEqual(
      expect.arrayContaining(['hastpm', 'tpmenabled', 'tpmversion', 'securebootavailable', 'securebootenabled']),
    );
    expect(queries.slice(1).every((q) => q.query.cursor)).toBe(true);
    expect(sim.requests.matching(/^\/v2\/device\//)).toHaveLength(0);
  });

  it('keeps the number of requests in flight within maxConcurrency', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 30 });
    await client({ maxConcurrency: 1 }).listDevices();
    expect(sim.requests.maxInFlight).toBe(1);
    sim.requests.clear();
    await client({ maxConcurrency: 3 }).listDevices();
    expect(sim.requests.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(sim.requests.maxInFlight).toBeLessThanOrEqual(3);
  });
});

describe('NinjaOne client: normalisation', () => {
  it('keeps the fields the inventory needs', async () => {
    const devices = await client().listDevices();
    const laptop = devices.find((d) => d.id === 1042)!;
    expect(laptop).toMatchObject({
      vendor: 'ninjaone',
      hostname: 'ACME-ACCT-LAPTOP-07',
      netbiosName: 'ACME-ACCT-LAPTO',
      displayName: 'Accounting laptop 07',
      serialNumber: 'PF1ABCDE',
      organizationId: 7,
      organizationName: 'Acme Dental',
      locationId: 21,
      locationName: 'HQ',
      nodeClass: 'WINDOWS_WORKSTATION',
      deviceType: 'workstation',
      osName: 'Windows 11 Pro Edition',
      osBuild: '22631',
      osReleaseId: '23H2',
      osArchitecture: '64-bit',
      ramBytes: 17014484992,
      storageTotalBytes: 254721126400,
      cpuName: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz',
      isOnline: true,
      hasTpm: true,
      tpmEnabled: true,
      tpmVersion: '2.0',
      secureBootAvailable: true,
      secureBootEnabled: true,
    });
    expect(laptop.lastContactAt).toBe(new Date(Math.round(sim.fleet.ninjaDevices[0]!.lastContact * 1000)).toISOString());
    expect(laptop.raw).toMatchObject({ id: 1042, dnsName: 'ACME-ACCT-LAPTOP-07.acme.local' });

    const frontdesk = devices.find((d) => d.id === 1043)!;
    expect(frontdesk).toMatchObject({ isOnline: false, locationName: 'Branch - North', tpmVersion: '1.2', secureBootEnabled: false });
    const dc = devices.find((d) => d.id === 1044)!;
    expect(dc).toMatchObject({ deviceType: 'server', isVirtualMachine: true, hasTpm: null, secureBootEnabled: null });
  });

  it('handles VM guests, placeholder serials and renamed sites', async () => {
    const devices = await client().listDevices();
    const byName = new Map(devices.map((d) => [d.hostname, d]));
    const guest = byName.get(sim.fleet.cases.vmGuests[0]!)!;
    expect(guest).toMatchObject({ deviceType: 'vm_guest', osName: null, ramBytes: null, storageTotalBytes: null });
    const placeholder = byName.get(sim.fleet.cases.placeholderSerials[0]!)!;
    expect(placeholder.serialNumber).toBeNull();
    const site = sim.fleet.cases.renamedSites[0]!;
    expect(devices.some((d) => d.locationName === site.ninjaLocation)).toBe(true);
  });

  it('maps node classes to device types', () => {
    expect(deviceTypeFor('WINDOWS_SERVER', null)).toBe('server');
    expect(deviceTypeFor('LINUX_SERVER', null)).toBe('server');
    expect(deviceTypeFor('WINDOWS_WORKSTATION', 'Windows 11 Pro Edition')).toBe('workstation');
    expect(deviceTypeFor('MAC', 'macOS Sonoma')).toBe('workstation');
    expect(deviceTypeFor('VMWARE_VM_GUEST', null)).toBe('vm_guest');
    expect(deviceTypeFor('VMWARE_VM_HOST', null)).toBe('server');
    expect(deviceTypeFor('NMS_SWITCH', null)).toBe('network');
    expect(deviceTypeFor(null, 'Windows Server 2022 Standard Edition')).toBe('server');
    expect(deviceTypeFor(null, null)).toBe('unknown');
  });

  it('fetches one device by id', async () => {
    const device = await client().getDevice(1043);
    expect(device).toMatchObject({ id: 1043, hostname: 'FRONTDESK-01', organizationName: 'Acme Dental', tpmVersion: '1.2' });
    expect(sim.requests.matching('/v2/devices-detailed')[0]?.query.df).toBe('id=1043');
    expect(await client().getDevice(999_999)).toBeNull();
  });
});

describe('NinjaOne client: authentication', () => {
  it('asks for a token once and reuses it until shortly before expiry', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    await c.listDevices();
    await c.listOrganizations();
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]?.body).toContain('grant_type=client_credentials');

    now += 3600_000 - 30_000; // inside the 60 s renewal margin
    await c.listOrganizations();
    expect(tokenRequests()).toHaveLength(2);
  });

  it('shares one token request among parallel calls', async () => {
    const c = client();
    await Promise.all([c.listOrganizations(), c.listLocations(), c.listRawDevices()]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('renews the token once when the API says it expired', async () => {
    const c = client();
    await c.listOrganizations();
    sim.setFaults({ kind: 'expired_token' });
    const organizations = await c.listOrganizations();
    expect(organizations.length).toBe(sim.fleet.organizations.length);
    expect(tokenRequests()).toHaveLength(2);
    expect(sim.requests.matching('/v2/organizations').map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it('fails with an auth error, without retrying, on wrong credentials', async () => {
    const error = await failure(client({ clientSecret: 'wrong' }).listOrganizations());
    expect(error).toMatchObject({ vendor: 'NinjaOne', kind: 'auth', status: 401, endpoint: 'POST /ws/oauth/token', attempts: 1 });
    expect(error.message).toContain('NINJAONE_CLIENT_SECRET');
    expect(tokenRequests()).toHaveLength(1);
  });

  it('uses the refresh token grant and hands rotated refresh tokens back', async () => {
    const rotating = await startNinjaOneSimulator({ fleet: { size: 10 }, rotateRefreshTokens: true });
    try {
      const rotated: string[] = [];
      const c = createNinjaOneClient({
        baseUrl: rotating.url,
        clientId: rotating.credentials.clientId,
        clientSecret: rotating.credentials.clientSecret,
        refreshToken: rotating.credentials.refreshToken,
        onRefreshTokenRotated: (token) => {
          rotated.push(token);
        },
        retry,
      });
      await c.listOrganizations();
      expect(rotating.requests.matching('/ws/oauth/token')[0]?.body).toContain('grant_type=refresh_token');
      expect(rotated).toEqual([rotating.credentials.refreshToken]);

      // The old refresh token is retired: the next renewal must use the new one.
      rotating.setFaults({ kind: 'expired_token' });
      await c.listOrganizations();
      expect(rotated).toHaveLength(2);
      expect(rotated[1]).toBe(rotating.credentials.refreshToken);

      const stale = createNinjaOneClient({
        baseUrl: rotating.url,
        clientId: rotating.credentials.clientId,
        clientSecret: rotating.credentials.clientSecret,
        refreshToken: 'retired',
        retry,
      });
      const error = await failure(stale.listOrganizations());
      expect(error).toMatchObject({ kind: 'auth', status: 400 });
      expect(error.message).toContain('invalid_grant');
      expect(error.message).toContain('NINJAONE_REFRESH_TOKEN');
    } finally {
      await rotating.close();
    }
  });
});

describe('NinjaOne client: faults', () => {
  it('honours Retry-After in seconds on 429', async () => {
    sim.setFaults({ kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    await client().listOrganizations();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.requests.matching('/v2/organizations').map((r) => r.status)).toEqual([429, 200]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    sim.setFaults({ kind: 'rate_limit', retryAfterSeconds: 2, asHttpDate: true, times: 1 });
    const started = Date.now();
    await client().listOrganizations();
    // HTTP dates have whole seconds, so the wait is between 1 and 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('retries 500s and then succeeds', async () => {
    sim.setFaults({ kind: 'server_error', times: 2 });
    const organizations = await client().listOrganizations();
    expect(organizations).toHaveLength(sim.fleet.organizations.length);
    expect(sim.requests.matching('/v2/organizations').map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('gives up on persistent 500s with a server error', async () => {
    sim.setFaults({ kind: 'server_error', times: 100 });
    const error = await failure(client({ retry: { ...retry, retries: 2 } }).listOrganizations());
    expect(error).toMatchObject({ kind: 'server', status: 500, attempts: 3, endpoint: 'GET /v2/organizations' });
    expect(error.message).toMatch(/^NinjaOne had a server error \(HTTP 500 on GET \/v2\/organizations\).*gave up after 3 attempts/);
  });

  it('times out slow answers, retrying within the budget', async () => {
    sim.setFaults({ kind: 'slow', delayMs: 3000 });
    const error = await failure(client({ timeoutMs: 100, retry: { ...retry, retries: 1 } }).listOrganizations());
    expect(error).toMatchObject({ kind: 'timeout', attempts: 2 });

    await settle();
    sim.setFaults({ kind: 'slow', delayMs: 3000, times: 1 });
    const organizations = await client({ timeoutMs: 200 }).listOrganizations();
    expect(organizations.length).toBe(sim.fleet.organizations.length);
    expect(sim.requests.matching('/v2/organizations')).toHaveLength(2);
  });

  it('fails a malformed page with invalid_payload naming the endpoint and page', async () => {
    sim.setFaults({ kind: 'malformed_json', page: 2 });
    const error = await failure(client().listRawDevices());
    expect(error.kind).toBe('invalid_payload');
    expect(error.message).toContain('malformed JSON from GET /v2/devices-detailed (page 2, after id');
  });

  it('refuses an empty body instead of reading it as "no devices"', async () => {
    sim.setFaults({ kind: 'empty_body', page: 2 });
    const error = await failure(client().listRawDevices());
    expect(error.kind).toBe('invalid_payload');
    expect(error.message).toContain('empty response from GET /v2/devices-detailed (page 2');
  });

  it('names the first problem of an unexpected shape', async () => {
    const tamper: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('devices-detailed')) return response;
      const body = (await response.text()).replace('"organizationId":7,', '"organizationId":"7",');
      return new Response(body, { status: response.status, headers: { 'content-type': 'application/json' } });
    };
    const error = await failure(client({ fetch: tamper }).listRawDevices());
    expect(error.kind).toBe('invalid_payload');
    expect(error.message).toContain('unexpected response from GET /v2/devices-detailed (page 1): [0].organizationId');
  });
});

describe('NinjaOne simulator', () => {
  it('refuses API calls without a valid bearer token', async () => {
    const response = await fetch(`${sim.url}/v2/organizations`);
    expect(response.status).toBe(401);
    const forged = await fetch(`${sim.url}/v2/organizations`, { headers: { authorization: 'Bearer forged' } });
    expect(forged.status).toBe(401);
  });

  it('rejects bad parameters like the real API', async () => {
    const token = await client().getAccessToken();
    const headers = { authorization: `Bearer ${token}` };
    const badFilter = await fetch(`${sim.url}/v2/devices-detailed?df=${encodeURIComponent('colour=blue')}`, { headers });
    expect(badFilter.status).toBe(400);
    expect(await badFilter.json()).toMatchObject({ errorMessage: expect.stringContaining('Invalid device filter') });
    expect((await fetch(`${sim.url}/v2/devices-detailed?pageSize=0`, { headers })).status).toBe(400);
    expect((await fetch(`${sim.url}/v2/queries/custom-fields?cursor=nope`, { headers })).status).toBe(400);
  });

  it('filters devices with df', async () => {
    const token = await client().getAccessToken();
    const response = await fetch(`${sim.url}/v2/devices-detailed?df=${encodeURIComponent('org eq 7 AND class in (WINDOWS_SERVER)')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as Array<{ systemName: string; organizationId: number }>;
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((d) => d.organizationId === 7)).toBe(true);
    expect(body.map((d) => d.systemName)).toContain('ACME-DC01');
  });
});
