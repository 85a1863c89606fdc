import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { replaceVendorSnapshot } from '@/db/queries/inventory/snapshots';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { ninjaSnapshotRow } from '@/lib/inventory/snapshot-rows';
import { VENDORS } from '@/lib/inventory/vendors';
import { VendorError } from '@/lib/vendors/http/errors';
import { useTestDatabase } from '@/tests/db';
import { seedDemoOrganizations, settle, snapshotFingerprint, startVendors, type VendorPair } from './helpers';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let vendors: VendorPair;
const DAY = '2025-09-29';

beforeAll(async () => {
  database = await useTestDatabase();
  vendors = await startVendors(120);
  await seedDemoOrganizations(database.db);
});
afterAll(async () => {
  await vendors.close();
  await database.drop();
});
afterEach(async () => {
  await settle(vendors.ninja);
  await settle(vendors.threatlocker);
});

const expectedNinja = () => vendors.fleet.ninjaDevices.filter((d) => d.nodeClass !== 'VMWARE_VM_GUEST').length;

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(VendorError);
    return error as VendorError;
  }
  throw new Error('expected the collection to fail');
}

describe('collectors against the simulators', () => {
  it('stores every NinjaOne device with hardware fields, identities, counts and the change log', async () => {
    const db = database.db;
    const result = await collectNinjaOne(db, vendors.ninjaClient(), { snapshotDate: DAY });
    expect(result.written).toBe(expectedNinja());
    expect(result.skipped).toBe(vendors.fleet.ninjaDevices.length - expectedNinja());
    expect(result.previous_count).toBeNull();

    const laptop = await db
      .selectFrom('device_snapshot')
      .selectAll()
      .where('vendor_id', '=', VENDORS.ninja.id)
      .where('hostname', '=', 'ACME-ACCT-LAPTOP-07')
      .executeTakeFirstOrThrow();
    expect(laptop).toMatchObject({
      snapshot_date: DAY,
      hostname_key: 'acme-acct-laptop-07',
      display_name: 'Accounting laptop 07',
      serial_number: 'PF1ABCDE',
      organization_name: 'Acme Dental',
      location_name: 'HQ',
      device_type_name: 'workstation',
      billable_status_name: 'billable',
      os_build: '22631',
      os_release_id: '23H2',
      os_architecture: '64-bit',
      cpu_model: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz',
      memory_bytes: 17014484992,
      memory_gib: '15.85',
      system_drive_bytes: 254721126400,
      has_tpm: true,
      tpm_version: '2.0',
      secure_boot_enabled: true,
    });
    expect(laptop.raw).toMatchObject({ id: 1042, systemName: 'ACME-ACCT-LAPTOP-07' });
    expect(laptop.site_id).not.toBeNull();
    expect(laptop.device_type_id).not.toBeNull();
    // Nothing is placed in a tenant until a superuser confirms the mapping.
    expect(laptop.organization_id).toBeNull();
    const proposal = await db
      .selectFrom('vendor_organizations')
      .selectAll()
      .where('vendor_id', '=', VENDORS.ninja.id)
      .where('vendor_org_name', '=', 'Acme Dental')
      .executeTakeFirstOrThrow();
    expect(proposal).toMatchObject({ status: 'proposed', organization_id: null, proposal_score: 1 });
    expect(proposal.proposed_organization_id).not.toBeNull();

    const counted = await db
      .selectFrom('daily_counts')
      .select((eb) => eb.fn.sum<number>('cnt').as('n'))
      .where('vendor_id', '=', VENDORS.ninja.id)
      .where('snapshot_date', '=', DAY)
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(expectedNinja());
    const monthEnd = await db.selectFrom('month_end_counts').select('month_end_date').where('vendor_id', '=', VENDORS.ninja.id).executeTakeFirstOrThrow();
    expect(monthEnd.month_end_date).toBe('2025-09-30');
    const log = await db.selectFrom('change_log').selectAll().where('vendor_id', '=', VENDORS.ninja.id).where('metric', '=', 'device_count').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ change_date: DAY, new_value: expectedNinja(), previous_value: null });
  });

  it('stores every ThreatLocker computer, duplicates included, with agent fields', async () => {
    const db = database.db;
    const result = await collectThreatLocker(db, vendors.threatlockerClient(), { snapshotDate: DAY });
    expect(result.written).toBe(vendors.fleet.threatLockerComputers.length);
    const truncated = await db
      .selectFrom('device_snapshot')
      .selectAll()
      .where('vendor_id', '=', VENDORS.threatlocker.id)
      .where('hostname', '=', 'ACME-ACCT-LAPTO')
      .executeTakeFirstOrThrow();
    expect(truncated).toMatchObject({
      hostname_key: 'acme-acct-lapto',
      serial_number: 'PF1ABCDE',
      security_mode: 'Secure',
      computer_group: 'Workstations',
      agent_version: '10.12.18.4926',
      device_type_name: 'unknown',
      location_name: null,
    });
    expect(truncated.last_online).toBeInstanceOf(Date);
  });

  it('re-running a day replaces it: same rows, same identities, no duplicates', async () => {
    const db = database.db;
    const identities = async () => Number((await db.selectFrom('device_identity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await identities();
    const first = await snapshotFingerprint(db, VENDORS.ninja.id, DAY);
    await collectNinjaOne(db, vendors.ninjaClient(), { snapshotDate: DAY });
    const again = await snapshotFingerprint(db, VENDORS.ninja.id, DAY);
    expect(again.count).toBe(first.count);
    expect(await identities()).toBe(before);
    const daily = await db.selectFrom('daily_counts').select((eb) => eb.fn.sum<number>('cnt').as('n')).where('vendor_id', '=', VENDORS.ninja.id).executeTakeFirstOrThrow();
    expect(Number(daily.n)).toBe(first.count);
  });

  it('records the next day against the previous one in the change log', async () => {
    const db = database.db;
    const result = await collectThreatLocker(db, vendors.threatlockerClient(), { snapshotDate: '2025-09-30' });
    expect(result.previous_date).toBe(DAY);
    expect(result.previous_count).toBe(vendors.fleet.threatLockerComputers.length);
    expect(result.added).toBe(0);
    const log = await db.selectFrom('change_log').selectAll().where('vendor_id', '=', VENDORS.threatlocker.id).where('change_date', '=', '2025-09-30').where('metric', '=', 'device_count').executeTakeFirstOrThrow();
    expect(log).toMatchObject({ previous_value: result.previous_count, delta: 0 });
  });
});

describe('a failing vendor leaves the previous snapshot untouched', () => {
  const faults: [string, () => void, 'ninja' | 'threatlocker', string][] = [
    ['NinjaOne 500s until retries run out', () => vendors.ninja.setFaults({ kind: 'server_error', times: 50 }), 'ninja', 'server'],
    ['NinjaOne malformed page', () => vendors.ninja.setFaults({ kind: 'malformed_json', page: 2 }), 'ninja', 'invalid_payload'],
    ['NinjaOne refused credentials', () => vendors.ninja.setFaults({ kind: 'unauthorized' }), 'ninja', 'auth'],
    ['NinjaOne too slow', () => vendors.ninja.setFaults({ kind: 'slow', delayMs: 2000 }), 'ninja', 'timeout'],
    ['ThreatLocker 500s until retries run out', () => vendors.threatlocker.setFaults({ kind: 'server_error', times: 50 }), 'threatlocker', 'server'],
    ['ThreatLocker malformed page', () => vendors.threatlocker.setFaults({ kind: 'malformed_json', page: 3 }), 'threatlocker', 'invalid_payload'],
    ['ThreatLocker empty body for a page with rows', () => vendors.threatlocker.setFaults({ kind: 'empty_body', page: 2 }), 'threatlocker', 'invalid_payload'],
    ['ThreatLocker expired key', () => vendors.threatlocker.setFaults({ kind: 'expired_token' }), 'threatlocker', 'auth'],
    ['ThreatLocker too slow', () => vendors.threatlocker.setFaults({ kind: 'slow', delayMs: 2000 }), 'threatlocker', 'timeout'],
  ];

  for (const [name, inject, vendor, kind] of faults) {
    it(name, async () => {
      const db = database.db;
      const vendorId = VENDORS[vendor].id;
      const before = await snapshotFingerprint(db, vendorId, DAY);
      expect(before.count).toBeGreaterThan(0);
      inject();
      const collect =
        vendor === 'ninja'
          ? collectNinjaOne(db, vendors.ninjaClient({ timeoutMs: 300, retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 } }), { snapshotDate: DAY })
          : collectThreatLocker(db, vendors.threatlockerClient({ timeoutMs: 300, retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 } }), { snapshotDate: DAY });
      const error = await failure(collect);
      expect(error.kind).toBe(kind);
      expect(await snapshotFingerprint(db, vendorId, DAY)).toEqual(before);
    });
  }

  it('rides out a 429 with Retry-After, a transient 500 and an expired token', async () => {
    vendors.ninja.setFaults({ kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    await expect(collectNinjaOne(database.db, vendors.ninjaClient(), { snapshotDate: DAY })).resolves.toMatchObject({ written: expectedNinja() });
    expect(vendors.ninja.requests.log.some((r) => r.status === 429)).toBe(true);
    vendors.threatlocker.setFaults({ kind: 'server_error', times: 1 });
    await expect(collectThreatLocker(database.db, vendors.threatlockerClient(), { snapshotDate: DAY })).resolves.toMatchObject({
      written: vendors.fleet.threatLockerComputers.length,
    });
    const client = vendors.ninjaClient();
    await client.getAccessToken();
    vendors.ninja.setFaults({ kind: 'expired_token' });
    await expect(collectNinjaOne(database.db, client, { snapshotDate: DAY })).resolves.toMatchObject({ written: expectedNinja() });
  });

  it('a write that fails half-way through the chunks rolls back to the previous snapshot', async () => {
    const db = database.db;
    const before = await snapshotFingerprint(db, VENDORS.ninja.id, DAY);
    const devices = await vendors.ninjaClient().listDevices();
    const rows = devices.map(ninjaSnapshotRow);
    // A value PostgreSQL refuses, in the third chunk: the first two are already written.
    rows[25] = { ...rows[25]!, last_online: 'not a timestamp' };
    await expect(
      replaceVendorSnapshot(db, { vendorId: VENDORS.ninja.id, snapshotDate: DAY, rows, sites: [], organizations: [], chunkSize: 10 }),
    ).rejects.toThrow();
    expect(await snapshotFingerprint(db, VENDORS.ninja.id, DAY)).toEqual(before);
  });
});
