import type { SnapshotRow, StoredDevice } from '@/db/types-domain/inventory';
import type { NinjaDevice } from '@/lib/vendors/ninjaone/client';
import type { ThreatLockerComputer } from '@/lib/vendors/threatlocker/client';
import { getHostnameKey } from './model/hostname';
import type { BillingStatus, DeviceType } from './model/device-classes';
import type { InventoryDevice } from './model/variance';
import { addDays } from './vendors';
import { getSystemDriveBytes } from './windows11/model/rules';

// Vendor records → device_snapshot rows (pure). The row keeps the columns the
// original stored, the serial number, the vendor's organisation id (mapped to
// ours when written) and the raw vendor record.

export type { SnapshotRow };

const EMPTY_THREATLOCKER = {
  computer_group: null,
  security_mode: null,
  deny_count_1d: null,
  deny_count_3d: null,
  deny_count_7d: null,
  install_date: null,
  is_locked_out: null,
  is_isolated: null,
  agent_version: null,
  has_checked_in: null,
} as const;

const EMPTY_HARDWARE = {
  node_class: null,
  os_architecture: null,
  os_build: null,
  os_release_id: null,
  cpu_model: null,
  cpu_cores: null,
  cpu_logical_cores: null,
  cpu_max_clock_hz: null,
  system_manufacturer: null,
  system_model: null,
  memory_bytes: null,
  memory_gib: null,
  system_drive_bytes: null,
  volumes: null,
  has_tpm: null,
  tpm_enabled: null,
  tpm_version: null,
  secure_boot_available: null,
  secure_boot_enabled: null,
} as const;

const GIB = 1024 ** 3;

/** NinjaOne's guests seen through a hypervisor have no agent and are not endpoints we manage. */
export function isNinjaVmGuest(device: Pick<NinjaDevice, 'deviceType'>): boolean {
  return device.deviceType === 'vm_guest';
}

export function ninjaDeviceType(device: Pick<NinjaDevice, 'deviceType'>): DeviceType {
  return device.deviceType === 'server' || device.deviceType === 'workstation' ? device.deviceType : 'unknown';
}

/** Spare stock is marked by technicians in the display name or by a "spare" location. */
export function ninjaBillingStatus(device: Pick<NinjaDevice, 'displayName' | 'locationName'>): BillingStatus {
  return /spare/i.test(device.displayName ?? '') || /spare/i.test(device.locationName ?? '') ? 'spare' : 'billable';
}

function formatVolumes(volumes: NinjaDevice['volumes']): string | null {
  const parts = volumes
    .filter((v) => v.capacityBytes !== null)
    .map((v) => {
      const name = v.name ?? v.label ?? '?';
      return `${name}${name.endsWith(':') ? '' : ':'} ${((v.capacityBytes ?? 0) / 1e9).toFixed(1)}GB`;
    });
  return parts.length > 0 ? parts.join(', ') : null;
}

export function ninjaSnapshotRow(device: NinjaDevice): SnapshotRow {
  return {
    vendor_device_key: String(device.id),
    site_key: device.locationId === null ? null : String(device.locationId),
    vendor_organization_id: String(device.organizationId),
    organization_name: device.organizationName,
    hostname: device.hostname,
    hostname_key: getHostnameKey(device.hostname),
    display_name: device.displayName,
    serial_number: device.serialNumber,
    os_name: device.osName,
    device_status: device.isOnline ? 'online' : 'offline',
    location_name: device.locationName,
    device_type_name: ninjaDeviceType(device),
    billable_status_name: ninjaBillingStatus(device),
    last_online: device.lastContactAt,
    agent_install_timestamp: device.createdAt,
    ...EMPTY_THREATLOCKER,
    node_class: device.nodeClass,
    os_architecture: device.osArchitecture,
    os_build: device.osBuild,
    os_release_id: device.osReleaseId,
    cpu_model: device.cpuName,
    cpu_cores: device.cpuCores,
    cpu_logical_cores: device.cpuLogicalCores,
    cpu_max_clock_hz: device.cpuMaxClockHz,
    system_manufacturer: device.manufacturer,
    system_model: device.model,
    memory_bytes: device.ramBytes,
    memory_gib: device.ramBytes === null ? null : (device.ramBytes / GIB).toFixed(2),
    system_drive_bytes: getSystemDriveBytes(device.volumes.map((v) => ({ name: v.name, capacity: v.capacityBytes }))),
    volumes: formatVolumes(device.volumes),
    has_tpm: device.hasTpm,
    tpm_enabled: device.tpmEnabled,
    tpm_version: device.tpmVersion,
    secure_boot_available: device.secureBootAvailable,
    secure_boot_enabled: device.secureBootEnabled,
    raw: device.raw,
  };
}

/** An agent silent this long is no longer protecting anything (and no longer a paid seat). */
export const THREATLOCKER_INACTIVE_DAYS = 30;

export function threatLockerStatus(computer: Pick<ThreatLockerComputer, 'isDeleted' | 'lastCheckinAt'>, snapshotDate: string): string {
  if (computer.isDeleted) return 'deleted';
  const cutoff = Date.parse(`${addDays(snapshotDate, -THREATLOCKER_INACTIVE_DAYS)}T00:00:00Z`);
  if (computer.lastCheckinAt && Date.parse(computer.lastCheckinAt) < cutoff) return 'inactive';
  return 'active';
}

export function threatLockerSnapshotRow(computer: ThreatLockerComputer, snapshotDate: string): SnapshotRow {
  return {
    vendor_device_key: computer.computerId.toLowerCase(),
    site_key: null,
    vendor_organization_id: computer.organizationId?.toLowerCase() ?? null,
    organization_name: computer.organizationName,
    hostname: computer.hostname,
    hostname_key: getHostnameKey(computer.hostname),
    display_name: computer.computerName ?? computer.hostname,
    serial_number: computer.serialNumber,
    os_name: computer.operatingSystem,
    device_status: threatLockerStatus(computer, snapshotDate),
    location_name: null,
    device_type_name: 'unknown',
    billable_status_name: 'unknown',
    last_online: computer.lastCheckinAt,
    agent_install_timestamp: computer.installDate ?? computer.dateAdded,
    computer_group: computer.group,
    security_mode: computer.mode,
    deny_count_1d: computer.denyCountOneDay,
    deny_count_3d: computer.denyCountThreeDays,
    deny_count_7d: computer.denyCountSevenDays,
    install_date: computer.installDate,
    is_locked_out: computer.isLockedOut,
    is_isolated: computer.isIsolated,
    agent_version: computer.threatLockerVersion,
    has_checked_in: computer.hasCheckedIn,
    ...EMPTY_HARDWARE,
    raw: computer.raw,
  };
}

const asDeviceType = (v: string | null): DeviceType => (v === 'server' || v === 'workstation' ? v : 'unknown');
const asBilling = (v: string | null): BillingStatus => (v === 'billable' || v === 'spare' ? v : 'unknown');

export function toInventoryDevice(row: StoredDevice): InventoryDevice {
  return {
    vendorDeviceId: row.vendor_device_key,
    hostname: row.hostname,
    displayName: row.display_name,
    serialNumber: row.serial_number,
    vendorOrganizationId: row.vendor_organization_id,
    vendorOrganizationName: row.organization_name,
    organizationId: row.organization_id,
    organizationIgnored: row.organization_status === 'ignored',
    siteName: row.location_name,
    deviceType: asDeviceType(row.device_type_name),
    billingStatus: asBilling(row.billable_status_name),
    isActive: row.device_status === 'active' || row.device_status === null,
    lastSeen: row.last_online ? row.last_online.toISOString() : null,
  };
}
