import { describe, expect, it } from 'vitest';
import type { NinjaDevice } from '@/lib/vendors/ninjaone/client';
import type { ThreatLockerComputer } from '@/lib/vendors/threatlocker/client';
import { ninjaBillingStatus, ninjaSnapshotRow, threatLockerSnapshotRow, threatLockerStatus, toInventoryDevice } from './snapshot-rows';

const ninja = (over: Partial<NinjaDevice> = {}): NinjaDevice =>
  ({
    vendor: 'ninjaone',
    id: 1042,
    hostname: 'ACME-ACCT-LAPTOP-07',
    displayName: 'Accounting laptop 07',
    serialNumber: 'PF1ABCDE',
    organizationId: 7,
    organizationName: 'Acme Dental',
    locationId: 21,
    locationName: 'HQ',
    nodeClass: 'WINDOWS_WORKSTATION',
    deviceType: 'workstation',
    osName: 'Windows 11 Pro',
    osBuild: '22631',
    osReleaseId: '23H2',
    osArchitecture: '64-bit',
    ramBytes: 17014484992,
    volumes: [{ name: 'C:', label: 'Windows', capacityBytes: 254721126400, freeBytes: 1 }],
    cpuName: 'Intel(R) Core(TM) i5-8350U',
    cpuCores: 4,
    cpuLogicalCores: 8,
    cpuMaxClockHz: 1896000000,
    manufacturer: 'LENOVO',
    model: '20L5',
    lastContactAt: '2025-09-29T09:06:15.901Z',
    createdAt: '2024-06-03T16:00:00.123Z',
    isOnline: true,
    hasTpm: true,
    tpmEnabled: true,
    tpmVersion: '2.0',
    secureBootAvailable: true,
    secureBootEnabled: true,
    raw: { id: 1042 },
    ...over,
  }) as NinjaDevice;

describe('snapshot rows', () => {
  it('maps a NinjaOne device with its hardware, site and classification', () => {
    expect(ninjaSnapshotRow(ninja())).toMatchObject({
      vendor_device_key: '1042',
      site_key: '21',
      vendor_organization_id: '7',
      hostname_key: 'acme-acct-laptop-07',
      device_type_name: 'workstation',
      billable_status_name: 'billable',
      memory_gib: '15.85',
      system_drive_bytes: 254721126400,
      volumes: 'C: 254.7GB',
      device_status: 'online',
      raw: { id: 1042 },
    });
  });

  it('treats spare names and spare locations as spare stock', () => {
    expect(ninjaBillingStatus({ displayName: 'SPARE - OptiPlex', locationName: 'HQ' })).toBe('spare');
    expect(ninjaBillingStatus({ displayName: null, locationName: 'Spare Stock' })).toBe('spare');
    expect(ninjaBillingStatus({ displayName: 'Front desk', locationName: 'HQ' })).toBe('billable');
  });

  it('maps a ThreatLocker computer and ages silent agents out of "active"', () => {
    const computer = {
      computerId: '1D9E6F2A-0B3C',
      hostname: 'ACME-ACCT-LAPTO',
      computerName: 'ACME-ACCT-LAPTO | jsmith',
      organizationId: '6F1D',
      organizationName: 'Acme Dental',
      lastCheckinAt: '2025-09-29T08:51:02.435Z',
      isDeleted: false,
      mode: 'Secure',
      raw: {},
    } as unknown as ThreatLockerComputer;
    const row = threatLockerSnapshotRow(computer, '2025-09-29');
    expect(row).toMatchObject({ vendor_device_key: '1d9e6f2a-0b3c', vendor_organization_id: '6f1d', hostname_key: 'acme-acct-lapto', device_status: 'active', security_mode: 'Secure', device_type_name: 'unknown' });
    expect(threatLockerStatus({ isDeleted: false, lastCheckinAt: '2025-08-01T00:00:00Z' }, '2025-09-29')).toBe('inactive');
    expect(threatLockerStatus({ isDeleted: true, lastCheckinAt: null }, '2025-09-29')).toBe('deleted');
    const device = toInventoryDevice({ ...row, organization_id: 3, last_online: new Date(row.last_online!) });
    expect(device).toMatchObject({ vendorDeviceId: '1d9e6f2a-0b3c', organizationId: 3, isActive: true, deviceType: 'unknown', lastSeen: '2025-09-29T08:51:02.435Z' });
  });
});
