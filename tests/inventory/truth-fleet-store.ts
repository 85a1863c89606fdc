import type { Db } from '@/db';
import { replaceVendorSnapshot } from '@/db/queries/inventory/snapshots';
import { getHostnameKey } from '@/lib/inventory/model/hostname';
import type { SnapshotRow } from '@/lib/inventory/snapshot-rows';
import type { InventoryDevice } from '@/lib/inventory/model/variance';
import { VENDORS } from '@/lib/inventory/vendors';
import type { TruthFleet } from './truth-fleet';

// Stores a truth fleet as one day's NinjaOne and ThreatLocker snapshots, as
// the collectors would, with every vendor organisation confirmed (the
// unmapped case is not what the truth fleet is about).

export async function storeTruthFleet(db: Db, fleet: TruthFleet, date: string): Promise<void> {
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
  const write = (vendorId: number, rows: SnapshotRow[]) => replaceVendorSnapshot(db, { vendorId, snapshotDate: date, rows, sites: [], organizations: [] });
  await write(VENDORS.ninja.id, fleet.ninja.map((d) => snapshotRow(d, 'online')));
  await write(VENDORS.threatlocker.id, fleet.threatlocker.map((d) => snapshotRow(d, d.isActive ? 'active' : 'inactive')));
}

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
