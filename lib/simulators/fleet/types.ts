// What a generated fleet is: the MSP's client organisations, the devices
// NinjaOne knows, the computers ThreatLocker knows, and the hard cases the
// generator planted (so tests know what the checks must find). Records are
// compact; the simulators render the vendor JSON page by page.

export interface FleetOptions {
  seed?: number;
  /** NinjaOne devices, exactly. Default 300. */
  size?: number;
  /** ThreatLocker computers (duplicates included), exactly. Default `size`. */
  threatLockerSize?: number;
  /** Client organisations. Default max(6, size / 50). */
  organizations?: number;
  /** Reference "now" in epoch ms; every timestamp is relative to it. */
  now?: number;
}

export interface FleetLocation {
  ninjaId: number;
  /** Current name in NinjaOne. */
  name: string;
  /** Name still used in ThreatLocker computer groups (differs when the site was renamed). */
  threatLockerSite: string;
  address: string;
  isSpare: boolean;
}

export interface FleetOrganization {
  index: number;
  /** Hostname prefix, e.g. `ACME`. */
  code: string;
  ninjaId: number;
  ninjaName: string;
  threatLockerId: string;
  /** ThreatLocker display name; differs from `ninjaName` for renamed organisations. */
  threatLockerName: string;
  threatLockerSlug: string;
  dateAdded: string;
  locations: FleetLocation[];
}

export interface FleetCpu {
  name: string;
  cores: number;
  logicalCores: number;
  clockHz: number;
  architecture: string;
}

export interface FleetVolume {
  name: string;
  label: string;
  capacity: number;
  freeSpace: number;
  serialNumber: string;
}

export interface FleetNinjaDevice {
  id: number;
  uid: string;
  organizationId: number;
  locationId: number;
  nodeClass: string;
  systemName: string;
  domain: string | null;
  displayName: string | null;
  offline: boolean;
  /** Epoch seconds (fractional), as NinjaOne sends them. */
  created: number;
  lastContact: number;
  os: {
    name: string;
    manufacturer: string;
    architecture: string;
    buildNumber: string;
    releaseId: string;
    lastBootTime: number;
    needsReboot: boolean;
    locale: string;
  };
  manufacturer: string;
  model: string;
  serialNumber: string;
  chassisType: string;
  virtualMachine: boolean;
  ramBytes: number;
  cpu: FleetCpu;
  volumes: FleetVolume[];
  lastLoggedInUser: string;
  ipAddress: string;
  macAddress: string;
  publicIp: string;
  /** Values of the readiness custom fields; null when the script never ran. */
  customFields: Record<string, string | boolean> | null;
}

export interface FleetThreatLockerComputer {
  computerId: string;
  hostname: string;
  /** Display name; the rename endpoint changes it. */
  computerName: string;
  organizationIndex: number;
  group: string;
  computerGroupId: string;
  mode: string;
  lastCheckin: string;
  dateAdded: string;
  installDate: string | null;
  operatingSystem: string;
  osType: number;
  serialNumber: string;
  threatLockerVersion: string;
  username: string;
  ipAddress: string;
  denyCountOneDay: number;
  denyCountThreeDays: number;
  denyCountSevenDays: number;
  isLockedOut: boolean;
  isIsolated: boolean;
}

export interface FleetCases {
  /** Full NinjaOne names longer than 15 characters; ThreatLocker holds the first 15. */
  truncatedHostnames: string[];
  /** ThreatLocker hostnames with two or more computer records. */
  duplicateInThreatLocker: string[];
  ninjaOnly: string[];
  threatLockerOnly: string[];
  organizationMismatch: Array<{ hostname: string; ninjaOrganization: string; threatLockerOrganization: string }>;
  renamedOrganizations: Array<{ ninjaName: string; threatLockerName: string }>;
  renamedSites: Array<{ organization: string; ninjaLocation: string; threatLockerSite: string }>;
  /** Devices in a NinjaOne spare location or named SPARE that still check in to ThreatLocker. */
  spareActiveInThreatLocker: string[];
  displayNameMismatch: Array<{ hostname: string; ninjaDisplayName: string; threatLockerComputerName: string }>;
  /** ThreatLocker hostname differs only in letter case. */
  hostnameCaseMismatch: string[];
  servers: string[];
  /** NinjaOne VMWARE_VM_GUEST records (seen through vCenter, no agent); the original skipped them. */
  vmGuests: string[];
  placeholderSerials: string[];
}

export interface Fleet {
  seed: number;
  generatedAt: string;
  /** The MSP's own ThreatLocker organisation; client organisations are its children. */
  threatLockerParent: { id: string; name: string };
  organizations: FleetOrganization[];
  ninjaDevices: FleetNinjaDevice[];
  threatLockerComputers: FleetThreatLockerComputer[];
  cases: FleetCases;
}
