import { defaultReadinessFieldNames } from '@/lib/vendors/ninjaone/custom-fields';
import type { FleetNinjaDevice, FleetOrganization, FleetThreatLockerComputer } from './types';

// The fixtures' story (lib/vendors/*/fixtures), kept verbatim as Acme Dental's
// first devices so that demo pages show the documented case: a laptop whose
// name ThreatLocker truncates, a desktop only NinjaOne knows, a computer only
// ThreatLocker knows, and a domain controller.

/** 2025-09-29T09:30:00Z, just after the fixtures' last contacts: their "today". */
export const FLEET_REFERENCE_TIME = Date.UTC(2025, 8, 29, 9, 30, 0);

export const ACME_TL_ID = '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
export const BLUEBIRD_TL_ID = '7a2e3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c';
export const PARENT_TL_ID = '0e5c1b7a-3f2d-4a6b-9c8d-7e6f5a4b3c2d';
/** Acme's ThreatLocker computer groups. */
export const ACME_GROUP_IDS = { Servers: '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e', Workstations: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' } as const;

export function buildStory(acme: FleetOrganization, nowSeconds: number): { ninja: FleetNinjaDevice[]; threatLocker: FleetThreatLockerComputer[] } {
  // Timestamps shift with `now` so the story stays "recent" for any reference time.
  const shift = nowSeconds - FLEET_REFERENCE_TIME / 1000;
  const at = (seconds: number) => seconds + shift;
  const names = defaultReadinessFieldNames;
  const laptop: FleetNinjaDevice = {
    id: 1042,
    uid: '3f6b2c1e-8d4a-4c7e-9a51-0c2d7e4b9f10',
    organizationId: acme.ninjaId,
    locationId: 21,
    nodeClass: 'WINDOWS_WORKSTATION',
    systemName: 'ACME-ACCT-LAPTOP-07',
    domain: 'acme.local',
    displayName: 'Accounting laptop 07',
    offline: false,
    created: at(1717430400.123),
    lastContact: at(1759136775.901),
    os: { name: 'Windows 11 Pro Edition', manufacturer: 'Microsoft Corporation', architecture: '64-bit', buildNumber: '22631', releaseId: '23H2', lastBootTime: at(1758761443), needsReboot: false, locale: 'en-US' },
    manufacturer: 'LENOVO',
    model: '20L5CTO1WW',
    serialNumber: 'PF1ABCDE',
    chassisType: 'LAPTOP',
    virtualMachine: false,
    ramBytes: 17014484992,
    cpu: { name: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz', cores: 4, logicalCores: 8, clockHz: 1896000000, architecture: 'x64' },
    volumes: [{ name: 'C:', label: 'Windows', capacity: 254721126400, freeSpace: 98234567680, serialNumber: '5A1C33D2' }],
    lastLoggedInUser: 'ACME\\jsmith',
    ipAddress: '10.20.1.57',
    macAddress: '3C:52:82:11:22:33',
    publicIp: '203.0.113.10',
    customFields: { [names.hasTpm]: true, [names.tpmEnabled]: true, [names.tpmVersion]: '2.0, 0, 1.38', [names.secureBootAvailable]: true, [names.secureBootEnabled]: true },
  };
  const frontdesk: FleetNinjaDevice = {
    ...laptop,
    id: 1043,
    uid: '7c0e9b44-1f2a-4e3b-8d77-5a6c1b2d3e4f',
    locationId: 22,
    systemName: 'FRONTDESK-01',
    displayName: null,
    offline: true,
    created: at(1609459200),
    lastContact: at(1756000000),
    os: { ...laptop.os, name: 'Windows 10 Pro Edition', buildNumber: '19045', releaseId: '22H2', lastBootTime: at(1755900000), needsReboot: true },
    manufacturer: 'Dell Inc.',
    model: 'OptiPlex 7040',
    serialNumber: '7XYZ123',
    chassisType: 'DESKTOP',
    ramBytes: 8486227968,
    cpu: { name: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz', cores: 4, logicalCores: 4, clockHz: 3201000000, architecture: 'x64' },
    volumes: [{ name: 'C:', label: '', capacity: 255230164992, freeSpace: 120034590720, serialNumber: '9E0F12AB' }],
    lastLoggedInUser: 'ACME\\frontdesk',
    ipAddress: '10.20.2.14',
    macAddress: '00:23:24:AA:BB:CC',
    publicIp: '203.0.113.11',
    customFields: { [names.hasTpm]: 'true', [names.tpmEnabled]: 'true', [names.tpmVersion]: '1.2, 2, 3', [names.secureBootAvailable]: 'false', [names.secureBootEnabled]: 'false' },
  };
  const dc: FleetNinjaDevice = {
    ...laptop,
    id: 1044,
    uid: 'a8b0c9d0-aaf6-422e-975c-aef27c935de2',
    nodeClass: 'WINDOWS_SERVER',
    systemName: 'ACME-DC01',
    domain: 'ACME',
    displayName: null,
    created: at(1743088826.524929),
    os: { ...laptop.os, name: 'Windows Server 2022 Standard Edition', buildNumber: '20348', releaseId: '21H2', locale: 'en-GB' },
    manufacturer: 'Microsoft Corporation',
    model: 'Virtual Machine',
    serialNumber: '7149-6004-6720-8372-7705-4830-48',
    chassisType: 'DESKTOP',
    virtualMachine: true,
    ramBytes: 68913397760,
    cpu: { name: 'Intel(R) Xeon(R) Gold 6258R CPU @ 2.70GHz', cores: 7, logicalCores: 14, clockHz: 2694000000, architecture: 'x64' },
    volumes: [{ name: 'C:', label: '', capacity: 136559194112, freeSpace: 60945354752, serialNumber: '3EEA25BE' }],
    lastLoggedInUser: 'ACME\\admin',
    ipAddress: '10.20.0.4',
    macAddress: '00:15:5D:FF:8B:04',
    customFields: null,
  };
  const tl = (seconds: number, micros: string) => `${new Date(Math.floor(at(seconds)) * 1000).toISOString().slice(0, 19)}.${micros}Z`;
  const tlBase = {
    organizationIndex: acme.index,
    dateAdded: '2024-06-03T14:22:05Z',
    installDate: null,
    osType: 1,
    threatLockerVersion: '10.12.18.4926',
    denyCountOneDay: 0,
    denyCountThreeDays: 0,
    denyCountSevenDays: 0,
    isLockedOut: false,
    isIsolated: false,
  };
  const threatLocker: FleetThreatLockerComputer[] = [
    {
      ...tlBase,
      computerId: '1d9e6f2a-0b3c-4d5e-8f7a-6b5c4d3e2f1a',
      hostname: 'ACME-ACCT-LAPTO',
      computerName: 'ACME-ACCT-LAPTO',
      group: 'Workstations',
      computerGroupId: ACME_GROUP_IDS.Workstations,
      mode: 'Secure',
      lastCheckin: tl(1759135862, '435815'),
      operatingSystem: 'Windows 11 Pro',
      serialNumber: 'PF1ABCDE',
      username: 'ACME\\jsmith',
      ipAddress: '10.20.1.57',
    },
    {
      ...tlBase,
      computerId: '2e0f7a3b-1c4d-4e6f-9a8b-7c6d5e4f3a2b',
      hostname: 'ACME-DC01',
      computerName: 'ACME-DC01',
      group: 'Servers',
      computerGroupId: ACME_GROUP_IDS.Servers,
      mode: 'Application Control Learning Mode',
      lastCheckin: tl(1759135841, '102233'),
      operatingSystem: 'Windows Server 2022 Standard',
      serialNumber: '7149-6004-6720-8372-7705-4830-48',
      username: 'ACME\\admin',
      ipAddress: '10.20.0.4',
      denyCountThreeDays: 1,
      denyCountSevenDays: 4,
    },
    {
      ...tlBase,
      computerId: '3f1a8b4c-2d5e-4f7a-8b9c-8d7e6f5a4b3c',
      hostname: 'RECEPTION-PC2',
      computerName: 'RECEPTION-PC2',
      group: 'Workstations',
      computerGroupId: ACME_GROUP_IDS.Workstations,
      mode: 'Secure',
      lastCheckin: tl(1757692999, '000000'),
      operatingSystem: 'Windows 10 Pro',
      threatLockerVersion: '10.11.5.4530',
      serialNumber: 'CZC1234XYZ',
      username: 'ACME\\reception',
      ipAddress: '10.20.2.30',
    },
  ];
  return { ninja: [laptop, frontdesk, dc], threatLocker };
}
