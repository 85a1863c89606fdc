import { defaultReadinessFieldNames } from '@/lib/vendors/ninjaone/custom-fields';

// A deterministic, generated MSP fleet shared by the NinjaOne and
// ThreatLocker simulators. One seed gives the same organisations, devices and
// hard cases every time, so tests, demo mode and benchmarks agree. Records are
// kept compact; the simulators render the vendor JSON page by page, which is
// what lets a 50,000-device fleet stay cheap.

export const DEFAULT_FLEET_SEED = 20250929;
/** 2025-09-29T09:30:00Z, just after the fixtures' last contacts: their "today". */
export const FLEET_REFERENCE_TIME = Date.UTC(2025, 8, 29, 9, 30, 0);

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

// ---------------------------------------------------------------------------
// Seeded PRNG (mulberry32): tiny, fast and good enough for test data.

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  uuid(): string;
  hex(length: number): string;
  alnum(length: number): string;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const fromAlphabet = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  // Eight hex digits per draw through a byte table: uuids are the bulk of a
  // large fleet's randomness, and Number#toString(16) is slow on doubles.
  const hex = (length: number) => {
    let out = '';
    while (out.length < length) {
      const v = (next() * 4294967296) >>> 0;
      out += `${BYTE_HEX[v & 255]}${BYTE_HEX[(v >>> 8) & 255]}${BYTE_HEX[(v >>> 16) & 255]}${BYTE_HEX[v >>> 24]}`;
    }
    return out.length === length ? out : out.slice(0, length);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    hex,
    alnum: (length) => fromAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', length),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}

// ---------------------------------------------------------------------------
// Reference data

const ORGANIZATIONS = [
  ['Acme Dental', 'ACME'],
  ['Bluebird Logistics', 'BLUE'],
  ['Cedar Family Law', 'CEDR'],
  ['Driftwood Veterinary', 'DRFT'],
  ['Evergreen Accounting', 'EVGR'],
  ['Foxglove Architects', 'FOXG'],
  ['Granite Builders', 'GRAN'],
  ['Harbor Pediatrics', 'HRBR'],
  ['Ironwood Manufacturing', 'IRON'],
  ['Juniper Realty', 'JUNI'],
  ['Kestrel Insurance', 'KEST'],
  ['Lakeside Clinic', 'LAKE'],
  ['Maple Street Bakery', 'MAPL'],
  ['Northgate Engineering', 'NRTH'],
  ['Oakridge Schools', 'OAKR'],
  ['Pinecrest Dental', 'PINE'],
  ['Quarry Hill Farms', 'QUAR'],
  ['Redwood Credit Union', 'REDW'],
  ['Silverline Travel', 'SILV'],
  ['Tidewater Marine', 'TIDE'],
] as const;

const SITES = ['Main Office', 'Downtown', 'Warehouse', 'North Branch', 'South Clinic', 'Remote Staff'] as const;
const SITE_RENAMES: Record<string, string> = {
  'Main Office': 'Head Office',
  Downtown: 'City Centre',
  Warehouse: 'Distribution Center',
  'North Branch': 'Northside',
  'South Clinic': 'Southside Clinic',
  'Remote Staff': 'Home Workers',
};
const ORG_SUFFIXES = ['LLC', 'Inc.', 'PLLC', 'Ltd'] as const;
const ROLE_WORDS = ['ACCOUNTING', 'RECEPTION', 'FRONTDESK', 'WAREHOUSE', 'CONFERENCE', 'LABTECH', 'DISPATCH', 'PAYROLL'] as const;
const FIRST_NAMES = ['Keith', 'Maria', 'Priya', 'Tom', 'Aisha', 'Chen', 'Olga', 'Diego', 'Sam', 'Hannah', 'Ravi', 'Zoe'] as const;
const LAST_NAMES = ['Oneil', 'Garcia', 'Patel', 'Smith', 'Khan', 'Wei', 'Novak', 'Ramos', 'Lee', 'Brown', 'Iyer', 'Clarke'] as const;
const PLACEHOLDER_SERIALS = ['To Be Filled By O.E.M.', 'Default string', 'System Serial Number', '0', ''] as const;
const TL_MODES = [
  ['Secure', 0.8],
  ['Application Control Learning Mode', 0.1],
  ['Installation Mode', 0.05],
  ['Monitor Only', 0.05],
] as const;

interface CpuModel {
  cpu: FleetCpu;
  /** Rough age: old parts stay on Windows 10. */
  modern: boolean;
}

const cpu = (name: string, cores: number, logicalCores: number, ghz: number, modern: boolean, architecture = 'x64'): CpuModel => ({
  cpu: { name, cores, logicalCores, clockHz: Math.round(ghz * 1e9), architecture },
  modern,
});

const WORKSTATION_CPUS: CpuModel[] = [
  cpu('Intel(R) Core(TM) i3-4130 CPU @ 3.40GHz', 2, 4, 3.4, false),
  cpu('Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz', 4, 4, 3.2, false),
  cpu('Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz', 4, 8, 3.6, false),
  cpu('Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz', 4, 8, 1.9, true),
  cpu('Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz', 6, 6, 3.0, true),
  cpu('Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz', 8, 16, 2.9, true),
  cpu('11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz', 4, 8, 2.4, true),
  cpu('12th Gen Intel(R) Core(TM) i7-1255U', 10, 12, 1.7, true),
  cpu('13th Gen Intel(R) Core(TM) i5-1345U', 10, 12, 1.6, true),
  cpu('Intel(R) Core(TM) Ultra 7 155H', 16, 22, 1.4, true),
  cpu('AMD Ryzen 5 2400G with Radeon Vega Graphics', 4, 8, 3.6, false),
  cpu('AMD Ryzen 7 PRO 4750U with Radeon Graphics', 8, 16, 1.7, true),
  cpu('AMD Ryzen 5 5600X 6-Core Processor', 6, 12, 3.7, true),
];
const SERVER_CPUS: CpuModel[] = [
  cpu('Intel(R) Xeon(R) Gold 6258R CPU @ 2.70GHz', 7, 14, 2.7, true),
  cpu('Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz', 4, 4, 3.4, true),
  cpu('Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', 8, 16, 2.1, false),
];
const MAC_CPUS: CpuModel[] = [cpu('Apple M1', 8, 8, 3.2, true, 'arm64'), cpu('Apple M2 Pro', 10, 10, 3.5, true, 'arm64')];

const HARDWARE = [
  { manufacturer: 'Dell Inc.', models: ['OptiPlex 7040', 'OptiPlex 7090', 'Latitude 5420', 'Latitude 7440'], serial: (r: Rng) => r.alnum(7) },
  { manufacturer: 'LENOVO', models: ['20L5CTO1WW', '20XW004GUS', '21HD003AUS'], serial: (r: Rng) => `PF${r.alnum(6)}` },
  { manufacturer: 'HP', models: ['HP EliteBook 840 G8', 'HP ProDesk 400 G7', 'HP Elite Mini 800 G9'], serial: (r: Rng) => `CZC${r.alnum(7)}` },
] as const;

const GIB = 1024 ** 3;

// ---------------------------------------------------------------------------
// The fixtures' story, kept verbatim so demo pages show the documented case.

const ACME_TL_ID = '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const BLUEBIRD_TL_ID = '7a2e3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c';
const PARENT_TL_ID = '0e5c1b7a-3f2d-4a6b-9c8d-7e6f5a4b3c2d';

type HardCase =
  | 'truncated'
  | 'displayMismatch'
  | 'duplicate'
  | 'ninjaOnly'
  | 'threatLockerOnly'
  | 'organizationMismatch'
  | 'spare'
  | 'caseMismatch'
  | 'placeholderSerial'
  | 'server'
  | 'renamedSite'
  | 'vmGuest';

/** The first generic machines each carry one of these, so every case exists in small fleets too. */
const FORCED_CASES: HardCase[] = [
  'truncated',
  'displayMismatch',
  'duplicate',
  'ninjaOnly',
  'threatLockerOnly',
  'organizationMismatch',
  'spare',
  'caseMismatch',
  'placeholderSerial',
  'server',
  'renamedSite',
  'vmGuest',
  'truncated',
  'duplicate',
  'spare',
];

interface Plan {
  inNinja: boolean;
  inThreatLocker: boolean;
  duplicate: boolean;
  longName: boolean;
  server: boolean;
  spare: boolean;
  display: 'none' | 'same' | 'mismatch';
  organizationMismatch: boolean;
  caseMismatch: boolean;
  placeholderSerial: boolean;
  renamedSite: boolean;
  vmGuest: boolean;
}

function isoFromSeconds(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** ThreatLocker sends microseconds: `2025-09-29T08:51:02.435815Z`. */
function tlTimestamp(rng: Rng, epochSeconds: number): string {
  const base = new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, 19);
  return `${base}.${String(rng.int(0, 999_999)).padStart(6, '0')}Z`;
}

function tlOperatingSystem(osName: string): string {
  return osName.replace(/ Edition$/, '');
}

export function generateFleet(options: FleetOptions = {}): Fleet {
  const seed = options.seed ?? DEFAULT_FLEET_SEED;
  const ninjaQuota = Math.max(0, Math.floor(options.size ?? 300));
  const tlQuota = Math.max(0, Math.floor(options.threatLockerSize ?? ninjaQuota));
  const orgCount = Math.max(1, Math.floor(options.organizations ?? Math.max(6, Math.round(ninjaQuota / 50))));
  const now = options.now ?? FLEET_REFERENCE_TIME;
  const nowSeconds = now / 1000;
  const rng = createRng(seed);

  const cases: FleetCases = {
    truncatedHostnames: [],
    duplicateInThreatLocker: [],
    ninjaOnly: [],
    threatLockerOnly: [],
    organizationMismatch: [],
    renamedOrganizations: [],
    renamedSites: [],
    spareActiveInThreatLocker: [],
    displayNameMismatch: [],
    hostnameCaseMismatch: [],
    servers: [],
    vmGuests: [],
    placeholderSerials: [],
  };

  // --- organisations -------------------------------------------------------
  const organizations: FleetOrganization[] = [];
  let nextLocationId = 30;
  for (let i = 0; i < orgCount; i += 1) {
    const [baseName, baseCode] = ORGANIZATIONS[i % ORGANIZATIONS.length] as (typeof ORGANIZATIONS)[number];
    const round = Math.floor(i / ORGANIZATIONS.length);
    const ninjaName = round === 0 ? baseName : `${baseName} ${round + 1}`;
    const code = round === 0 ? baseCode : `${baseCode.slice(0, 2)}${i}`;
    const renamedOrg = i % 5 === 2;
    const threatLockerName = renamedOrg ? `${ninjaName} ${rng.pick(ORG_SUFFIXES)}` : ninjaName;
    if (renamedOrg) cases.renamedOrganizations.push({ ninjaName, threatLockerName });

    let locations: FleetLocation[];
    if (i === 0) {
      locations = [
        { ninjaId: 21, name: 'HQ', threatLockerSite: 'HQ', address: '100 Main St, Springfield', isSpare: false },
        { ninjaId: 22, name: 'Branch - North', threatLockerSite: 'Branch - North', address: '9 River Rd, Shelbyville', isSpare: false },
      ];
    } else {
      const count = rng.int(1, 3);
      const start = rng.int(0, SITES.length - 1);
      locations = [];
      for (let k = 0; k < count; k += 1) {
        const site = SITES[(start + k) % SITES.length] as string;
        locations.push({ ninjaId: nextLocationId++, name: site, threatLockerSite: site, address: `${rng.int(1, 999)} ${site} Rd`, isSpare: false });
      }
      if (i % 4 === 3) {
        const first = locations[0] as FleetLocation;
        first.name = SITE_RENAMES[first.threatLockerSite] ?? `${first.threatLockerSite} (new)`;
        cases.renamedSites.push({ organization: ninjaName, ninjaLocation: first.name, threatLockerSite: first.threatLockerSite });
      }
      if (i % 3 === 1) {
        locations.push({ ninjaId: nextLocationId++, name: 'Spare Stock', threatLockerSite: 'Spare Stock', address: '', isSpare: true });
      }
    }
    organizations.push({
      index: i,
      code,
      ninjaId: 7 + i,
      ninjaName,
      threatLockerId: i === 0 ? ACME_TL_ID : i === 1 ? BLUEBIRD_TL_ID : rng.uuid(),
      threatLockerName,
      threatLockerSlug: threatLockerName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      dateAdded: new Date(now - rng.int(200, 1500) * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z',
      locations,
    });
  }

  const groupIds = new Map<string, string>();
  const groupFor = (org: FleetOrganization, location: FleetLocation | null, kind: 'Workstations' | 'Servers') => {
    const name = org.index === 0 || !location ? kind : `${location.threatLockerSite} - ${kind}`;
    const key = `${org.index}|${name}`;
    let id = groupIds.get(key);
    if (!id) {
      id = org.index === 0 ? (kind === 'Servers' ? '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e' : '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d') : rng.uuid();
      groupIds.set(key, id);
    }
    return { group: name, computerGroupId: id };
  };

  const ninjaDevices: FleetNinjaDevice[] = [];
  const threatLockerComputers: FleetThreatLockerComputer[] = [];
  const acme = organizations[0] as FleetOrganization;

  // --- the fixtures' story (Acme Dental) ---------------------------------------
  const story = buildStory(acme, nowSeconds);
  for (const device of story.ninja) if (ninjaDevices.length < ninjaQuota) ninjaDevices.push(device);
  for (const computer of story.threatLocker) if (threatLockerComputers.length < tlQuota) threatLockerComputers.push(computer);
  if (ninjaDevices.some((d) => d.systemName === 'ACME-ACCT-LAPTOP-07') && threatLockerComputers.some((c) => c.hostname === 'ACME-ACCT-LAPTO')) {
    cases.truncatedHostnames.push('ACME-ACCT-LAPTOP-07');
  }
  if (ninjaDevices.some((d) => d.systemName === 'FRONTDESK-01')) cases.ninjaOnly.push('FRONTDESK-01');
  if (threatLockerComputers.some((c) => c.hostname === 'RECEPTION-PC2')) cases.threatLockerOnly.push('RECEPTION-PC2');
  if (ninjaDevices.some((d) => d.systemName === 'ACME-DC01')) cases.servers.push('ACME-DC01');

  // --- generated machines --------------------------------------------------
  let nextNinjaId = 2000;
  let machine = 0;
  const renamedSiteOrgs = organizations.filter((o) => o.locations.some((l) => l.name !== l.threatLockerSite));
  const spareOrgs = organizations.filter((o) => o.locations.some((l) => l.isSpare));

  while (ninjaDevices.length < ninjaQuota || threatLockerComputers.length < tlQuota) {
    machine += 1;
    const forced = FORCED_CASES[machine - 1];
    const plan = randomPlan(rng);
    if (forced) applyForced(plan, forced);

    const needNinja = ninjaDevices.length < ninjaQuota;
    const needTl = threatLockerComputers.length < tlQuota;
    if (!needNinja) plan.inNinja = false;
    if (!needTl) plan.inThreatLocker = false;
    if (!plan.inNinja && !plan.inThreatLocker) {
      if (needNinja) plan.inNinja = true;
      else plan.inThreatLocker = true;
    }
    if (!plan.inThreatLocker || threatLockerComputers.length + 2 > tlQuota) plan.duplicate = false;
    if (!plan.inNinja || !plan.inThreatLocker) {
      plan.organizationMismatch = false;
      plan.display = plan.display === 'mismatch' ? 'none' : plan.display;
    }
    if (orgCount < 2) plan.organizationMismatch = false;
    if (!plan.inNinja) plan.spare = false;

    // organisation and location
    let org: FleetOrganization;
    if (plan.renamedSite && renamedSiteOrgs.length > 0) org = rng.pick(renamedSiteOrgs);
    else if (plan.spare && spareOrgs.length > 0) org = rng.pick(spareOrgs);
    else org = organizations[rng.int(0, orgCount - 1)] as FleetOrganization;
    const spareLocation = org.locations.find((l) => l.isSpare);
    if (!spareLocation) plan.spare = false;
    const regular = org.locations.filter((l) => !l.isSpare);
    let location: FleetLocation;
    if (plan.spare && spareLocation) location = spareLocation;
    else if (plan.renamedSite) location = regular.find((l) => l.name !== l.threatLockerSite) ?? rng.pick(regular);
    else location = rng.pick(regular);

    // identity
    const seq = String(machine).padStart(4, '0');
    const hostname = plan.server
      ? plan.longName
        ? `${org.code}-${seq}-FILESERVER`
        : `${org.code}-SRV${seq}`
      : plan.longName
        ? `${org.code}-${seq}-${rng.pick(ROLE_WORDS)}`
        : `${org.code}-${rng.chance(0.5) ? 'WS' : 'LT'}${seq}`;

    const kind = plan.server ? 'server' : plan.vmGuest ? 'windows' : rng.chance(0.05) ? 'mac' : rng.chance(0.03) ? 'linux' : 'windows';
    const hardware = rng.pick(HARDWARE);
    const isVm = plan.server && rng.chance(0.6);
    let serial: string;
    if (plan.placeholderSerial) serial = rng.pick(PLACEHOLDER_SERIALS);
    else if (isVm) serial = `VMware-56 4d ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)} ${rng.hex(2)}-${rng.hex(2)} ${rng.hex(2)}`;
    else if (kind === 'mac') serial = `C02${rng.alnum(9)}`;
    else serial = hardware.serial(rng);
    if (plan.placeholderSerial) cases.placeholderSerials.push(hostname);

    const cpuModel = rng.pick(plan.server ? SERVER_CPUS : kind === 'mac' ? MAC_CPUS : WORKSTATION_CPUS);
    const os = pickOs(rng, kind, cpuModel.modern);
    const person = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const user = `${org.code}\\${person.split(' ')[0]?.toLowerCase() ?? 'user'}`;
    const online = rng.chance(0.85);
    const lastContact = online ? nowSeconds - rng.int(5, 3600) - rng.next() : nowSeconds - rng.int(2, 60) * 86_400 - rng.int(0, 86_399) - rng.next();
    const ip = `10.${20 + (org.index % 200)}.${rng.int(0, 9)}.${rng.int(2, 250)}`;

    let ninjaDisplay: string | null = null;
    let tlComputerName = plan.longName ? hostname.slice(0, 15) : hostname;
    if (plan.spare) ninjaDisplay = `SPARE - ${hardware.models[0]}`;
    if (plan.display === 'same') {
      ninjaDisplay = plan.spare ? ninjaDisplay : `${person} ${plan.server ? 'server' : 'PC'}`;
      tlComputerName = ninjaDisplay ?? tlComputerName;
    } else if (plan.display === 'mismatch') {
      ninjaDisplay = ninjaDisplay ?? `${person} laptop`;
      tlComputerName = `${tlComputerName} | ${person}`;
    }

    if (plan.inNinja) {
      const vmGuest = plan.vmGuest || (!plan.inThreatLocker && !plan.spare && kind === 'windows' && rng.chance(0.25));
      nextNinjaId += rng.chance(0.1) ? rng.int(2, 6) : 1;
      const ram = rng.pick(plan.server ? [16, 32, 64] : [4, 8, 8, 16, 16, 32]) * GIB - rng.int(0, 512) * 1024 * 1024;
      const diskGb = rng.chance(0.04) ? 60 : rng.pick(plan.server ? [256, 512, 1024, 2048] : [128, 256, 256, 512, 1024]);
      // Formatted capacity is a little under the nominal size, as Windows reports it.
      const capacity = Math.round(diskGb * 1_000_000_000 * (0.93 + rng.next() * 0.05));
      ninjaDevices.push({
        id: nextNinjaId,
        uid: rng.uuid(),
        organizationId: org.ninjaId,
        locationId: location.ninjaId,
        nodeClass: vmGuest ? 'VMWARE_VM_GUEST' : nodeClassFor(kind),
        systemName: hostname,
        domain: kind === 'windows' || kind === 'server' ? `${org.code.toLowerCase()}.local` : null,
        displayName: ninjaDisplay,
        offline: !online,
        created: nowSeconds - rng.int(30, 1500) * 86_400 - rng.next(),
        lastContact,
        os: { ...os, lastBootTime: Math.floor(lastContact - rng.int(3600, 14 * 86_400)), needsReboot: rng.chance(0.1), locale: 'en-US' },
        manufacturer: kind === 'mac' ? 'Apple Inc.' : isVm ? 'VMware, Inc.' : hardware.manufacturer,
        model: kind === 'mac' ? 'MacBookPro18,3' : isVm ? 'VMware7,1' : rng.pick(hardware.models),
        serialNumber: serial,
        chassisType: plan.server ? 'DESKTOP' : hostname.includes('-LT') || kind === 'mac' ? 'LAPTOP' : rng.pick(['DESKTOP', 'LAPTOP']),
        virtualMachine: isVm,
        ramBytes: ram,
        cpu: cpuModel.cpu,
        volumes: [
          {
            name: kind === 'windows' || kind === 'server' ? 'C:' : '/',
            label: kind === 'windows' || kind === 'server' ? 'Windows' : '',
            capacity,
            freeSpace: Math.floor(capacity * (0.1 + rng.next() * 0.7)),
            serialNumber: rng.hex(8).toUpperCase(),
          },
        ],
        lastLoggedInUser: user,
        ipAddress: ip,
        macAddress: Array.from({ length: 6 }, () => rng.hex(2).toUpperCase()).join(':'),
        publicIp: `203.0.113.${10 + (org.index % 200)}`,
        customFields: readinessFor(rng, kind, os.name),
      });
      if (plan.server) cases.servers.push(hostname);
      if (vmGuest) cases.vmGuests.push(hostname);
      if (!plan.inThreatLocker) cases.ninjaOnly.push(hostname);
    }

    if (plan.inThreatLocker) {
      const tlOrg = plan.organizationMismatch ? (organizations[(org.index + 1) % orgCount] as FleetOrganization) : org;
      const tlLocation = tlOrg === org ? location : (tlOrg.locations.find((l) => !l.isSpare) ?? null);
      const { group, computerGroupId } = groupFor(tlOrg, tlLocation, plan.server ? 'Servers' : 'Workstations');
      let tlHostname = plan.longName ? hostname.slice(0, 15) : hostname;
      if (plan.caseMismatch) tlHostname = tlHostname.toLowerCase();
      const checkin = plan.inNinja ? lastContact + rng.int(-600, 600) : online ? nowSeconds - rng.int(60, 7200) : nowSeconds - rng.int(3, 90) * 86_400;
      const added = nowSeconds - rng.int(60, 900) * 86_400;
      const computer: FleetThreatLockerComputer = {
        computerId: rng.uuid(),
        hostname: tlHostname,
        computerName: plan.caseMismatch ? tlComputerName.toLowerCase() : tlComputerName,
        organizationIndex: tlOrg.index,
        group,
        computerGroupId,
        mode: pickMode(rng),
        lastCheckin: tlTimestamp(rng, Math.min(checkin, nowSeconds)),
        dateAdded: isoFromSeconds(Math.floor(added)).replace('.000Z', 'Z'),
        installDate: rng.chance(0.5) ? isoFromSeconds(Math.floor(added)).replace('.000Z', 'Z') : null,
        operatingSystem: tlOperatingSystem(os.name),
        osType: kind === 'mac' ? 2 : kind === 'linux' ? 3 : 1,
        serialNumber: rng.chance(0.05) && !plan.placeholderSerial ? '' : serial,
        threatLockerVersion: rng.pick(['10.12.18.4926', '10.11.5.4530', '9.7.3.3310']),
        username: user,
        ipAddress: ip,
        denyCountOneDay: rng.int(0, 3),
        denyCountThreeDays: rng.int(0, 9),
        denyCountSevenDays: rng.int(0, 20),
        isLockedOut: false,
        isIsolated: rng.chance(0.01),
      };
      threatLockerComputers.push(computer);
      if (plan.duplicate) {
        // A reinstall leaves the old record behind with an old check-in.
        const stale = nowSeconds - rng.int(30, 200) * 86_400;
        threatLockerComputers.push({
          ...computer,
          computerId: rng.uuid(),
          mode: 'Secure',
          lastCheckin: tlTimestamp(rng, stale),
          dateAdded: isoFromSeconds(Math.floor(stale - rng.int(100, 700) * 86_400)).replace('.000Z', 'Z'),
        });
        cases.duplicateInThreatLocker.push(tlHostname);
      }
      if (!plan.inNinja) cases.threatLockerOnly.push(tlHostname);
      if (plan.inNinja && plan.longName) cases.truncatedHostnames.push(hostname);
      if (plan.inNinja && plan.caseMismatch) cases.hostnameCaseMismatch.push(hostname);
      if (plan.inNinja && plan.spare) cases.spareActiveInThreatLocker.push(hostname);
      if (plan.inNinja && plan.display === 'mismatch' && ninjaDisplay) {
        cases.displayNameMismatch.push({ hostname, ninjaDisplayName: ninjaDisplay, threatLockerComputerName: computer.computerName });
      }
      if (plan.organizationMismatch) {
        cases.organizationMismatch.push({ hostname, ninjaOrganization: org.ninjaName, threatLockerOrganization: tlOrg.threatLockerName });
      }
    }
  }

  ninjaDevices.sort((a, b) => a.id - b.id);
  return {
    seed,
    generatedAt: new Date(now).toISOString(),
    threatLockerParent: { id: PARENT_TL_ID, name: 'Northwind MSP' },
    organizations,
    ninjaDevices,
    threatLockerComputers,
    cases,
  };
}

function randomPlan(rng: Rng): Plan {
  // 5 % NinjaOne only (no ThreatLocker agent), 4 % ThreatLocker only, the rest in both.
  const membership = rng.next();
  const displayRoll = rng.next();
  return {
    inNinja: membership < 0.05 || membership >= 0.09,
    inThreatLocker: membership >= 0.05,
    duplicate: rng.chance(0.02),
    longName: rng.chance(0.3),
    server: rng.chance(0.08),
    spare: rng.chance(0.02),
    display: displayRoll < 0.06 ? 'mismatch' : displayRoll < 0.3 ? 'same' : 'none',
    organizationMismatch: rng.chance(0.01),
    caseMismatch: rng.chance(0.02),
    placeholderSerial: rng.chance(0.03),
    renamedSite: false,
    vmGuest: false,
  };
}

function applyForced(plan: Plan, forced: HardCase): void {
  plan.inNinja = forced !== 'threatLockerOnly';
  plan.inThreatLocker = forced !== 'ninjaOnly' && forced !== 'vmGuest';
  switch (forced) {
    case 'truncated':
      plan.longName = true;
      break;
    case 'displayMismatch':
      plan.display = 'mismatch';
      break;
    case 'duplicate':
      plan.duplicate = true;
      break;
    case 'organizationMismatch':
      plan.organizationMismatch = true;
      break;
    case 'spare':
      plan.spare = true;
      break;
    case 'caseMismatch':
      plan.caseMismatch = true;
      break;
    case 'placeholderSerial':
      plan.placeholderSerial = true;
      break;
    case 'server':
      plan.server = true;
      break;
    case 'renamedSite':
      plan.renamedSite = true;
      break;
    case 'vmGuest':
      plan.vmGuest = true;
      plan.server = false;
      plan.spare = false;
      break;
    default:
      break;
  }
}

function pickMode(rng: Rng): string {
  let roll = rng.next();
  for (const [mode, weight] of TL_MODES) {
    if (roll < weight) return mode;
    roll -= weight;
  }
  return 'Secure';
}

function nodeClassFor(kind: string): string {
  if (kind === 'server') return 'WINDOWS_SERVER';
  if (kind === 'mac') return 'MAC';
  if (kind === 'linux') return 'LINUX_WORKSTATION';
  return 'WINDOWS_WORKSTATION';
}

function pickOs(rng: Rng, kind: string, modern: boolean): Omit<FleetNinjaDevice['os'], 'lastBootTime' | 'needsReboot' | 'locale'> {
  const windows = (name: string, buildNumber: string, releaseId: string) => ({
    name,
    manufacturer: 'Microsoft Corporation',
    architecture: '64-bit',
    buildNumber,
    releaseId,
  });
  if (kind === 'server') {
    return rng.pick([
      windows('Windows Server 2016 Standard Edition', '14393', '1607'),
      windows('Windows Server 2019 Standard Edition', '17763', '1809'),
      windows('Windows Server 2022 Standard Edition', '20348', '21H2'),
    ]);
  }
  if (kind === 'mac') {
    return { name: 'macOS Sonoma', manufacturer: 'Apple Inc.', architecture: 'ARM 64-bit', buildNumber: '23G93', releaseId: '14.6.1' };
  }
  if (kind === 'linux') {
    return { name: 'Ubuntu 22.04.4 LTS', manufacturer: 'Canonical', architecture: '64-bit', buildNumber: '5.15.0-119-generic', releaseId: '22.04' };
  }
  const edition = rng.chance(0.85) ? 'Pro' : 'Enterprise';
  if (!modern) return windows(`Windows 10 ${edition} Edition`, '19045', '22H2');
  const roll = rng.next();
  if (roll < 0.3) return windows(`Windows 10 ${edition} Edition`, '19045', '22H2');
  if (roll < 0.7) return windows(`Windows 11 ${edition} Edition`, '22631', '23H2');
  return windows(`Windows 11 ${edition} Edition`, '26100', '24H2');
}

function readinessFor(rng: Rng, kind: string, osName: string): Record<string, string | boolean> | null {
  if ((kind !== 'windows' && kind !== 'server') || rng.chance(0.1)) return null;
  const names = defaultReadinessFieldNames;
  const roll = rng.next();
  const tpm = roll < 0.04 ? null : roll < 0.12 ? '1.2, 2, 3' : '2.0, 0, 1.38';
  const secureBootAvailable = osName.includes('Windows 11') || rng.chance(0.85);
  const secureBootEnabled = secureBootAvailable && rng.chance(0.9);
  // Half the tenants use checkbox fields (booleans), half text fields written by a script.
  const asText = rng.chance(0.5);
  const flag = (value: boolean) => (asText ? String(value) : value);
  return {
    [names.hasTpm]: flag(tpm !== null),
    [names.tpmEnabled]: flag(tpm !== null && rng.chance(0.95)),
    [names.tpmVersion]: tpm ?? '0.0',
    [names.secureBootAvailable]: flag(secureBootAvailable),
    [names.secureBootEnabled]: flag(secureBootEnabled),
  };
}

function buildStory(acme: FleetOrganization, nowSeconds: number): { ninja: FleetNinjaDevice[]; threatLocker: FleetThreatLockerComputer[] } {
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
      computerGroupId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
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
      computerGroupId: '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e',
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
      computerGroupId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
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
