import { createRng, type Rng } from '../random';
import {
  FIRST_NAMES,
  GIB,
  HARDWARE,
  LAST_NAMES,
  MAC_CPUS,
  ORG_SUFFIXES,
  ORGANIZATIONS,
  PLACEHOLDER_SERIALS,
  ROLE_WORDS,
  SERVER_CPUS,
  SITE_RENAMES,
  SITES,
  WORKSTATION_CPUS,
  nodeClassFor,
  pickMode,
  pickOs,
  readinessFor,
} from './catalogue';
import { ACME_GROUP_IDS, ACME_TL_ID, BLUEBIRD_TL_ID, buildStory, FLEET_REFERENCE_TIME, PARENT_TL_ID } from './story';
import type { Fleet, FleetCases, FleetLocation, FleetNinjaDevice, FleetOptions, FleetOrganization, FleetThreatLockerComputer } from './types';

// A deterministic, generated MSP fleet shared by the NinjaOne and
// ThreatLocker simulators. One seed gives the same organisations, devices and
// hard cases every time, so tests, demo mode and benchmarks agree. Records are
// kept compact; the simulators render the vendor JSON page by page, which is
// what lets a 50,000-device fleet stay cheap.

const DEFAULT_FLEET_SEED = 20250929;

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
      id = org.index === 0 ? ACME_GROUP_IDS[kind] : rng.uuid();
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
