import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceVendorSnapshot } from '@/db/queries/inventory/snapshots';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { getHostnameKey } from '@/lib/inventory/hostname';
import type { SnapshotRow } from '@/lib/inventory/snapshot-rows';
import { EXCEPTION_TYPES, type InventoryDevice } from '@/lib/inventory/variance';
import { VENDORS } from '@/lib/inventory/vendors';
import { useTestDatabase } from '@/tests/db';
import { compareWithTruth, generateTruthFleet, TRUTH_NOW, type FoundException, type TruthFleet } from './truth-fleet';

// 5,000 NinjaOne devices (and their ThreatLocker agents) from the truth
// generator, stored as the day's snapshots with every vendor organisation
// mapped, through the stored cross-vendor run: the exceptions table must hold
// exactly the exceptions the generator expects, per type.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let fleet: TruthFleet;
const DAY = '2025-09-29';

/** A snapshot row as a collector would write it, from a generated record (no hardware, no agent details). */
function snapshotRow(device: InventoryDevice, status: string): SnapshotRow {
  return {
    vendor_device_key: device.vendorDeviceId,
    site_key: null,
    vendor_organization_id: device.vendorOrganizationId,
    organization_name: device.vendorOrganizationName,
    hostname: device.hostname,
    hostname_key: getHostnameKey(device.hostname),
    display_name: device.displayName,
    serial_number: device.serialNumber,
    os_name: null,
    device_status: status,
    location_name: device.siteName,
    device_type_name: device.deviceType,
    billable_status_name: device.billingStatus,
    last_online: device.lastSeen,
    agent_install_timestamp: null,
    // Agent details and hardware: the checks read none of them.
    computer_group: null, security_mode: null, deny_count_1d: null, deny_count_3d: null, deny_count_7d: null, install_date: null,
    is_locked_out: null, is_isolated: null, agent_version: null, has_checked_in: null, node_class: null, os_architecture: null,
    os_build: null, os_release_id: null, cpu_model: null, cpu_cores: null, cpu_logical_cores: null, cpu_max_clock_hz: null,
    system_manufacturer: null, system_model: null, memory_bytes: null, memory_gib: null, system_drive_bytes: null, volumes: null,
    has_tpm: null, tpm_enabled: null, tpm_version: null, secure_boot_available: null, secure_boot_enabled: null,
    raw: {},
  };
}

beforeAll(async () => {
  database = await useTestDatabase();
  fleet = generateTruthFleet({ seed: 20250929, size: 5_000 });
  const db = database.db;
  // Every vendor organisation confirmed: the unmapped case is not what this run is about.
  for (const org of fleet.organizations) {
    const { id } = await db.insertInto('organizations').values({ name: org.name }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('vendor_organizations')
      .values([
        { vendor_id: VENDORS.ninja.id, vendor_org_id: org.ninjaOrgId, vendor_org_name: org.name, organization_id: id, status: 'confirmed' },
        { vendor_id: VENDORS.threatlocker.id, vendor_org_id: org.threatlockerOrgId, vendor_org_name: org.name, organization_id: id, status: 'confirmed' },
      ])
      .execute();
  }
  const write = (vendorId: number, rows: SnapshotRow[]) => replaceVendorSnapshot(db, { vendorId, snapshotDate: DAY, rows, sites: [], organizations: [] });
  await write(VENDORS.ninja.id, fleet.ninja.map((d) => snapshotRow(d, 'online')));
  await write(VENDORS.threatlocker.id, fleet.threatlocker.map((d) => snapshotRow(d, d.isActive ? 'active' : 'inactive')));
}, 300_000);
afterAll(async () => database.drop());

describe('stored cross-vendor run on a generated 5,000-device fleet', () => {
  it('records 0 missed and 0 false exceptions of every type', async () => {
    const result = await runCrossVendorChecks(database.db, { now: new Date(TRUTH_NOW) });
    const stored = await database.db.selectFrom('exceptions').select(['type', 'hostname', 'details']).execute();
    const comparison = compareWithTruth(stored as unknown as FoundException[], fleet.expected);

    const misses = Object.fromEntries(Object.entries(comparison).map(([type, c]) => [type, { missed: c.missed.slice(0, 5), unexpected: c.unexpected.slice(0, 5) }]));
    expect(misses).toEqual(Object.fromEntries(EXCEPTION_TYPES.map((type) => [type, { missed: [], unexpected: [] }])));
    for (const type of EXCEPTION_TYPES) {
      expect(comparison[type].expected, type).toBeGreaterThan(0);
      expect(result.counts[type], type).toBe(comparison[type].expected);
    }
    expect(stored).toHaveLength(fleet.expected.length);
  }, 300_000);
});
