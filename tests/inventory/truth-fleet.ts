import { EXCEPTION_TYPES, type ExceptionType, type InventoryDevice, type InventoryException } from '@/lib/inventory/model/variance';
import { createRng, type Rng } from '@/lib/simulators/random';

// A generated NinjaOne + ThreatLocker fleet that knows its own truth. Every
// machine comes from a scenario (an agent under the 15-character NetBIOS name,
// one under the DNS name, a "| user" suffix, a reinstall's stale agent, a
// renamed machine, a cloned VM's serial, a machine in one vendor only, names
// that only look alike, ...), and the generator writes down, while it builds
// the machine, which exceptions the checks must raise for it. Nothing here
// calls the matcher or the checks: compareWithTruth then says, per type, what
// was missed and what was raised without cause.
//
// Where the data cannot say more, the truth is the documented rule: a NetBIOS
// name that two machines could own, with no serial to settle it, is reported
// (MISSING_NINJA) rather than guessed. The generator never builds what the
// data cannot tell apart from something else (lib/inventory/model/hostname.ts): a
// real name of exactly 15 characters, a reused serial seen once in each
// vendor, or an old name's agent without serial once a new machine has the name.

export const SCENARIOS = [
  'plain',
  'ninjaOnly',
  'threatlockerOnly',
  'mixedForms',
  'reverseTruncation',
  'renamed',
  'renamedNameReused',
  'clonedSerial',
  'sharedPrefix',
  'lookAlike',
  'nameless',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

const WEIGHTS: Record<Scenario, number> = {
  plain: 50,
  ninjaOnly: 7,
  threatlockerOnly: 7,
  mixedForms: 8,
  reverseTruncation: 3,
  renamed: 5,
  renamedNameReused: 2,
  clonedSerial: 4,
  sharedPrefix: 6,
  lookAlike: 5,
  nameless: 3,
};

export interface TruthOrganization {
  /** Our organisations.id as the generator numbers them, from 1. */
  id: number;
  name: string;
  ninjaOrgId: string;
  threatlockerOrgId: string;
  /** False for the one client that never bought ThreatLocker: no agent anywhere. */
  usesThreatlocker: boolean;
}

export interface ExpectedException {
  type: ExceptionType;
  hostname: string;
  /** MISSING_NINJA, DUPLICATE_TL: the ThreatLocker ids; MISSING_THREATLOCKER: the NinjaOne id; others: both. */
  deviceIds: string[];
}

export interface TruthFleet {
  organizations: TruthOrganization[];
  ninja: InventoryDevice[];
  threatlocker: InventoryDevice[];
  expected: ExpectedException[];
  /** Machines built per scenario, so a test can check that each one occurs. */
  scenarios: Record<Scenario, number>;
}

/** 2025-09-29T09:00:00Z: the fleet's "now". */
export const TRUTH_NOW = Date.UTC(2025, 8, 29, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 86_400_000;
const NETBIOS = 15;

const WORDS = ['ACCOUNTING', 'RECEPTION', 'FRONTDESK', 'WAREHOUSE', 'CONFERENCE', 'LABTECH', 'DISPATCH', 'PAYROLL'] as const;
const PEOPLE = ['Keith Oneil', 'Maria Garcia', 'Priya Patel', 'Tom Smith', 'Aisha Khan', 'Chen Wei', 'Olga Novak', 'Diego Ramos'] as const;
const DOMAINS = ['corp.local', 'ad.example.com', 'branch.corp.local'] as const;
// Values firmware writes when no serial was set; the documented list treats them as no serial.
const PLACEHOLDER_SERIALS = ['To Be Filled By O.E.M.', 'Default string', 'System Serial Number', '0', '00000000', 'None'] as const;

/** How ThreatLocker shows a machine's name: the name itself, its DNS form, with a user, in lower case, or cut to 15. */
type Form = 'full' | 'fqdn' | 'pipe' | 'lower' | 'netbios' | 'netbiosPipe';
const SHORT_FORMS: Form[] = ['full', 'fqdn', 'pipe', 'lower'];
const LONG_FORMS: Form[] = [...SHORT_FORMS, 'netbios', 'netbiosPipe'];
const isNetbiosForm = (form: Form) => form === 'netbios' || form === 'netbiosPipe';

interface Agent {
  device: InventoryDevice;
  /** By construction: the documented rules can place this agent with its machine. */
  resolvable: boolean;
  /** By construction: its computer name agrees with NinjaOne's display name. */
  displayAgrees: boolean;
  /** The key it is reported under when it cannot be placed. */
  ownKey: string;
}

interface Machine {
  /** The key the machine is reported under: NinjaOne's name, else the fullest name ThreatLocker has. */
  key: string;
  ninja: InventoryDevice | null;
  agents: Agent[];
}

interface AgentSpec {
  /** The machine's name as this agent knows it (an old name after a rename). */
  name: string;
  form: Form;
  /** The serial the agent reports, as ThreatLocker sends it. */
  serial: string | null;
  live: boolean;
  org?: TruthOrganization;
  resolvable?: boolean;
}

export function generateTruthFleet(options: { seed: number; size: number }): TruthFleet {
  const rng = createRng(options.seed);
  const orgCount = Math.max(5, Math.round(options.size / 200));
  const organizations: TruthOrganization[] = Array.from({ length: orgCount }, (_, i) => ({
    id: i + 1,
    name: `Client ${orgCode(i)}`,
    ninjaOrgId: String(900_000 + i),
    threatlockerOrgId: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-8${rng.hex(3)}-${rng.hex(12)}`,
    usesThreatlocker: i !== orgCount - 1,
  }));
  const tlOrgs = organizations.filter((o) => o.usesThreatlocker);
  const noTlOrg = organizations.at(-1)!;

  const machines: Machine[] = [];
  const ninja: InventoryDevice[] = [];
  const threatlocker: InventoryDevice[] = [];
  const scenarios = Object.fromEntries(SCENARIOS.map((s) => [s, 0])) as Record<Scenario, number>;
  let sequence = 0;
  let ninjaId = 9_000_000;
  const nextSeq = () => (sequence++).toString(36).toUpperCase().padStart(5, '0');

  // --- names: unique by a sequence number inside the first 15 characters ------
  const shortName = (org: TruthOrganization) => `${orgCode(org.id - 1)}-W${nextSeq()}`; // 11 characters
  const longName = (org: TruthOrganization) => `${orgCode(org.id - 1)}-L${nextSeq()}-${rng.pick(WORDS)}`; // 19 or more
  const anyName = (org: TruthOrganization) => (rng.chance(0.5) ? shortName(org) : longName(org));
  const uniqueSerial = () => `${rng.pick(['PF', 'CZC', '5CG', 'MXL'])}${nextSeq()}${rng.alnum(3)}`;
  const placeholderSerial = () => rng.pick(PLACEHOLDER_SERIALS);
  // ThreatLocker may send the same serial in another case or spacing.
  const asSent = (serial: string) => (rng.chance(0.15) ? serial.toLowerCase().replace(/\s+/g, '') : serial);

  // --- records ------------------------------------------------------------------
  const ninjaRecord = (hostname: string | null, org: TruthOrganization, serial: string | null): InventoryDevice => {
    const roll = rng.next();
    const device: InventoryDevice = {
      vendorDeviceId: String(ninjaId++),
      hostname,
      displayName: rng.chance(0.5) ? `${rng.pick(PEOPLE)} - ${rng.pick(WORDS).toLowerCase()} ${rng.int(1, 99)}` : null,
      serialNumber: serial,
      vendorOrganizationId: org.ninjaOrgId,
      vendorOrganizationName: org.name,
      organizationId: org.id,
      siteName: rng.chance(0.1) ? 'Spare stock' : rng.pick(['HQ', 'Branch - North', 'Remote']),
      deviceType: roll < 0.8 ? 'workstation' : roll < 0.92 ? 'server' : 'unknown',
      billingStatus: rng.chance(0.06) ? 'spare' : 'billable',
      isActive: true,
      lastSeen: new Date(TRUTH_NOW - rng.int(1, 2000) * MINUTE).toISOString(),
    };
    ninja.push(device);
    return device;
  };

  /** An agent and, by construction, whether its name agrees with NinjaOne's display name. */
  const agentRecord = (spec: AgentSpec, machineNinja: InventoryDevice | null, org: TruthOrganization, index: number): Agent => {
    const hostname = hostnameFor(rng, spec.name, spec.form);
    const agrees = rng.chance(0.85);
    const seen = spec.live ? TRUTH_NOW - rng.int(1, 600) * MINUTE : TRUTH_NOW - rng.int(20, 200) * DAY;
    const device: InventoryDevice = {
      vendorDeviceId: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-9${rng.hex(3)}-${rng.hex(12)}`,
      hostname,
      displayName: displayFor(rng, machineNinja, hostname, agrees),
      serialNumber: spec.serial,
      vendorOrganizationId: (spec.org ?? org).threatlockerOrgId,
      vendorOrganizationName: (spec.org ?? org).name,
      organizationId: (spec.org ?? org).id,
      siteName: null,
      deviceType: 'unknown',
      billingStatus: 'unknown',
      isActive: rng.chance(spec.live ? 0.95 : 0.3),
      // Distinct per agent, so "most recently seen" is never a tie.
      lastSeen: new Date(seen - index * 1000).toISOString(),
    };
    threatlocker.push(device);
    return { device, resolvable: spec.resolvable ?? true, displayAgrees: agrees, ownKey: keyOf(spec.name, spec.form) };
  };

  const addMachine = (key: string, machineNinja: InventoryDevice | null, org: TruthOrganization, specs: AgentSpec[]) => {
    const agents = specs.map((spec, i) => agentRecord(spec, machineNinja, org, i));
    machines.push({ key, ninja: machineNinja, agents });
  };

  /** One to three agents of a machine: the first is the live one, the others stale. */
  const agentSpecs = (name: string, forms: readonly Form[], serial: string | null, count = agentCount(rng)): AgentSpec[] =>
    Array.from({ length: count }, (_, i) => ({
      name,
      form: rng.pick(forms),
      serial: serial !== null && rng.chance(0.85) ? asSent(serial) : null,
      live: i === 0,
    }));

  /** The client of a machine in both vendors; now and then the live agent sits in another client. */
  const misplace = (specs: AgentSpec[], org: TruthOrganization) => {
    if (rng.chance(0.03)) specs[0]!.org = rng.pick(tlOrgs.filter((o) => o !== org));
    for (const spec of specs.slice(1)) if (rng.chance(0.1)) spec.org = rng.pick(tlOrgs);
    return specs;
  };
  const machineSerial = () => {
    const roll = rng.next();
    return roll < 0.8 ? uniqueSerial() : roll < 0.92 ? placeholderSerial() : null;
  };
  const formsOf = (name: string) => (name.length > NETBIOS ? LONG_FORMS : SHORT_FORMS);
  const ninjaHostname = (name: string) => (rng.chance(0.3) ? `${name}.${rng.pick(DOMAINS)}` : name);

  const build: Record<Scenario, () => void> = {
    plain: () => {
      const org = rng.pick(tlOrgs);
      const name = anyName(org);
      const serial = machineSerial();
      const device = ninjaRecord(ninjaHostname(name), org, serial);
      addMachine(name.toLowerCase(), device, org, misplace(agentSpecs(name, formsOf(name), serial), org));
    },
    ninjaOnly: () => {
      const org = rng.chance(0.3) ? noTlOrg : rng.pick(tlOrgs);
      const name = anyName(org);
      addMachine(name.toLowerCase(), ninjaRecord(ninjaHostname(name), org, machineSerial()), org, []);
    },
    threatlockerOnly: () => {
      const org = rng.pick(tlOrgs);
      const name = anyName(org);
      const specs = agentSpecs(name, formsOf(name), rng.chance(0.7) ? uniqueSerial() : null).map((s) => ({ ...s, resolvable: false }));
      // Reported under the fullest name ThreatLocker has.
      const key = specs.every((s) => isNetbiosForm(s.form)) ? keyOf(name, 'netbios') : name.toLowerCase();
      addMachine(key, null, org, specs);
    },
    mixedForms: () => {
      // The case: one agent under the NetBIOS name, one under the full (DNS) name.
      const org = rng.pick(tlOrgs);
      const name = longName(org);
      const serial = machineSerial();
      const device = ninjaRecord(ninjaHostname(name), org, serial);
      const forms: Form[] = [rng.pick(['netbios', 'netbiosPipe'] as const), rng.pick(SHORT_FORMS)];
      if (rng.chance(0.5)) forms.reverse();
      if (rng.chance(0.3)) forms.push(rng.pick(LONG_FORMS));
      const specs = forms.map((form, i) => ({ name, form, serial: serial !== null && rng.chance(0.7) ? asSent(serial) : null, live: i === 0 }));
      addMachine(name.toLowerCase(), device, org, misplace(specs, org));
    },
    reverseTruncation: () => {
      // NinjaOne holds the NetBIOS name, ThreatLocker the full one (and maybe the NetBIOS one too).
      const org = rng.pick(tlOrgs);
      const name = longName(org);
      const serial = machineSerial();
      const device = ninjaRecord(name.slice(0, NETBIOS), org, serial);
      addMachine(keyOf(name, 'netbios'), device, org, misplace(agentSpecs(name, LONG_FORMS, serial), org));
    },
    renamed: () => {
      // Renamed in NinjaOne; ThreatLocker still has the old name. The agent carrying the
      // serial places the machine; stale agents under the old name (no serial) follow it.
      const org = rng.pick(tlOrgs);
      const oldName = anyName(org);
      const name = anyName(org);
      const serial = uniqueSerial();
      const device = ninjaRecord(ninjaHostname(name), org, serial);
      const specs: AgentSpec[] = [{ name: oldName, form: rng.pick(formsOf(oldName)), serial: asSent(serial), live: rng.chance(0.6) }];
      if (rng.chance(0.4)) specs.push({ name: oldName, form: rng.pick(formsOf(oldName)), serial: null, live: false });
      if (!specs[0]!.live || rng.chance(0.3)) specs.push({ name, form: rng.pick(formsOf(name)), serial: null, live: !specs[0]!.live });
      addMachine(name.toLowerCase(), device, org, misplace(specs, org));
    },
    renamedNameReused: () => {
      // PC-A was renamed PC-B; a new machine took the name PC-A. The serial tells them apart.
      const org = rng.pick(tlOrgs);
      const oldName = shortName(org);
      const name = shortName(org);
      const serial = uniqueSerial();
      const renamed = ninjaRecord(ninjaHostname(name), org, serial);
      addMachine(name.toLowerCase(), renamed, org, [{ name: oldName, form: rng.pick(SHORT_FORMS), serial: asSent(serial), live: true }]);
      const newSerial = machineSerial();
      const newcomer = ninjaRecord(ninjaHostname(oldName), org, newSerial);
      addMachine(oldName.toLowerCase(), newcomer, org, agentSpecs(oldName, SHORT_FORMS, newSerial, rng.int(0, 2)));
    },
    clonedSerial: () => {
      // Cloned VMs share one serial; every clone's agent reports it, so it pairs nothing.
      const org = rng.pick(tlOrgs);
      const serial = `VMware-42 ${rng.hex(2)} ${rng.hex(2)} ${nextSeq()}`;
      const names = Array.from({ length: rng.int(2, 3) }, () => anyName(org));
      // At least two clones in NinjaOne, or at least two in ThreatLocker (a serial seen
      // once in each vendor would be a rename).
      // Variant 1: every clone in both; 2: only one in NinjaOne; 3: one without agent.
      const variant = rng.int(1, 3);
      const odd = rng.int(0, names.length - 1);
      names.forEach((name, i) => {
        const inNinja = variant !== 2 || i === odd;
        const inTl = variant !== 3 || i !== odd;
        const device = inNinja ? ninjaRecord(ninjaHostname(name), org, serial) : null;
        const specs = inTl ? agentSpecs(name, formsOf(name), serial).map((s) => ({ ...s, serial: asSent(serial), resolvable: inNinja })) : [];
        const key = !inNinja && specs.every((s) => isNetbiosForm(s.form)) ? keyOf(name, 'netbios') : name.toLowerCase();
        addMachine(key, device, org, specs);
      });
    },
    sharedPrefix: () => {
      // Two long names that differ only after the 15th character. A NetBIOS agent of the
      // first resolves only through a serial; otherwise it is reported, not guessed.
      const org = rng.pick(tlOrgs);
      const stem = `${orgCode(org.id - 1)}-S${nextSeq()}-${rng.pick(WORDS)}`;
      const [first, second] = [`${stem}-01`, `${stem}-02`];
      const usable = rng.chance(0.7);
      const serial = usable ? uniqueSerial() : placeholderSerial();
      const carries = usable && rng.chance(0.5);
      const specs: AgentSpec[] = [{ name: first, form: rng.pick(['netbios', 'netbiosPipe'] as const), serial: carries ? asSent(serial) : null, live: true, resolvable: carries }];
      if (rng.chance(0.5)) specs.push({ name: first, form: rng.pick(SHORT_FORMS), serial: null, live: false });
      addMachine(first.toLowerCase(), ninjaRecord(ninjaHostname(first), org, serial), org, specs);

      const variant = rng.int(1, 3);
      const secondNinja = variant === 3 ? null : ninjaRecord(ninjaHostname(second), org, machineSerial());
      const secondAgents = variant === 2 ? [] : agentSpecs(second, SHORT_FORMS, null).map((s) => ({ ...s, resolvable: secondNinja !== null }));
      addMachine(second.toLowerCase(), secondNinja, org, secondAgents);
    },
    lookAlike: () => {
      // PC-01 and PC-010: two machines, each in one vendor or both, never one.
      const org = rng.pick(tlOrgs);
      const name = `${orgCode(org.id - 1)}-N${nextSeq()}`;
      const [a, b] = rng.chance(0.5) ? [name, `${name}0`] : [`${name}0`, name];
      const variant = rng.int(1, 3);
      const aNinja = ninjaRecord(ninjaHostname(a), org, machineSerial());
      addMachine(a.toLowerCase(), aNinja, org, variant === 2 ? agentSpecs(a, SHORT_FORMS, null) : []);
      const bNinja = variant === 3 ? ninjaRecord(ninjaHostname(b), org, machineSerial()) : null;
      addMachine(b.toLowerCase(), bNinja, org, agentSpecs(b, SHORT_FORMS, null).map((s) => ({ ...s, resolvable: bNinja !== null })));
    },
    nameless: () => {
      // Nothing to report by: counted as data quality, never an exception.
      const org = rng.pick(tlOrgs);
      if (rng.chance(0.5)) addMachine('', ninjaRecord(rng.pick([null, '', '  ']), org, null), org, []);
      else {
        const agent = agentRecord({ name: '', form: 'full', serial: null, live: true, resolvable: false }, null, org, 0);
        agent.device.hostname = rng.pick([null, '', '| ghost']);
        machines.push({ key: '', ninja: null, agents: [agent] });
      }
    },
  };

  // The first machines run every scenario once, so small fleets have them all too.
  const total = SCENARIOS.reduce((sum, s) => sum + WEIGHTS[s], 0);
  for (let built = 0; ninja.length < options.size; built += 1) {
    let scenario: Scenario = SCENARIOS[built] ?? 'plain';
    if (built >= SCENARIOS.length) {
      let roll = rng.next() * total;
      for (const s of SCENARIOS) {
        roll -= WEIGHTS[s];
        if (roll < 0) {
          scenario = s;
          break;
        }
      }
    }
    build[scenario]();
    scenarios[scenario] += 1;
  }

  return { organizations, ninja, threatlocker, expected: expectedExceptions(machines, threatlocker), scenarios };
}

function orgCode(index: number): string {
  const letters = 'ABCDEFGHJKMNPQRSTUVWXYZ';
  return `C${letters[Math.floor(index / letters.length / letters.length) % letters.length]}${letters[Math.floor(index / letters.length) % letters.length]}${letters[index % letters.length]}`;
}

function agentCount(rng: Rng): number {
  const roll = rng.next();
  return roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
}

function keyOf(name: string, form: Form): string {
  return (isNetbiosForm(form) ? name.slice(0, NETBIOS) : name).toLowerCase();
}

function hostnameFor(rng: Rng, name: string, form: Form): string {
  switch (form) {
    case 'full':
      return name;
    case 'fqdn':
      return `${name}.${rng.pick(DOMAINS)}`;
    case 'pipe':
      return `${name} | ${rng.pick(PEOPLE)}`;
    case 'lower':
      return name.toLowerCase();
    case 'netbios':
      return name.slice(0, NETBIOS);
    case 'netbiosPipe':
      return `${name.slice(0, NETBIOS)} | ${rng.pick(PEOPLE)}`;
  }
}

/**
 * A ThreatLocker computer name that agrees or not with NinjaOne's display name,
 * by the documented rule: the same text (case and runs of spaces aside), or,
 * when NinjaOne has none, a hostname of the machine.
 */
function displayFor(rng: Rng, machineNinja: InventoryDevice | null, hostname: string, agrees: boolean): string | null {
  const display = machineNinja?.displayName ?? null;
  const ninjaName = (machineNinja?.hostname ?? '').split('.')[0]!;
  if (display !== null) {
    if (agrees) return rng.pick([display, display.toUpperCase(), display.replace(' ', '   ')]);
    // No computer name: ThreatLocker shows the hostname, which never reads like a display name.
    return rng.pick([`${display} (old)`, null]);
  }
  if (agrees) return rng.pick([hostname, null, ninjaName.toLowerCase()]);
  return `${ninjaName || hostname.split('|')[0]!.trim()} | Temp ${rng.int(1, 99)}`;
}

function expectedExceptions(machines: readonly Machine[], threatlocker: readonly InventoryDevice[]): ExpectedException[] {
  const inScope = new Set(threatlocker.map((d) => d.organizationId));
  const expected: ExpectedException[] = [];
  const add = (type: ExceptionType, hostname: string, deviceIds: string[]) => expected.push({ type, hostname, deviceIds });
  const ids = (agents: readonly Agent[]) => agents.map((a) => a.device.vendorDeviceId);

  for (const machine of machines) {
    if (machine.key === '') continue;
    const { ninja } = machine;
    if (!ninja) {
      if (machine.agents.length > 0) add('MISSING_NINJA', machine.key, ids(machine.agents));
      if (machine.agents.length > 1) add('DUPLICATE_TL', machine.key, ids(machine.agents));
      continue;
    }
    for (const agent of machine.agents.filter((a) => !a.resolvable)) add('MISSING_NINJA', agent.ownKey, ids([agent]));
    const agents = machine.agents.filter((a) => a.resolvable);
    if (agents.length === 0) {
      const needsAgent = ninja.billingStatus === 'billable' && (ninja.deviceType === 'workstation' || ninja.deviceType === 'server');
      if (needsAgent && inScope.has(ninja.organizationId)) add('MISSING_THREATLOCKER', machine.key, [ninja.vendorDeviceId]);
      continue;
    }
    if (agents.length > 1) add('DUPLICATE_TL', machine.key, ids(agents));
    // The machine's checks read its most recently seen agent.
    const live = agents.reduce((a, b) => (Date.parse(b.device.lastSeen!) > Date.parse(a.device.lastSeen!) ? b : a));
    const pair = [ninja.vendorDeviceId, live.device.vendorDeviceId];
    if (live.device.organizationId !== ninja.organizationId) add('SITE_MISMATCH', machine.key, pair);
    if (ninja.billingStatus === 'spare' && live.device.isActive) add('SPARE_MISMATCH', machine.key, pair);
    if (!live.displayAgrees) add('DISPLAY_NAME_MISMATCH', machine.key, pair);
  }
  return expected;
}

// --- comparison ---------------------------------------------------------------

/** An exception as the checks return it or the exceptions table stores it. */
export type FoundException = Pick<InventoryException, 'type' | 'hostname' | 'details'>;

export interface TypeComparison {
  expected: number;
  found: number;
  /** Expected and not found: "hostname [ids]". */
  missed: string[];
  /** Found and not expected. */
  unexpected: string[];
}

export function exceptionDeviceIds(exception: FoundException): string[] {
  const details = exception.details as unknown as Record<string, unknown>;
  switch (exception.type) {
    case 'MISSING_NINJA':
    case 'DUPLICATE_TL':
      return details.tl_device_ids as string[];
    case 'MISSING_THREATLOCKER':
      return details.ninja_device_ids as string[];
    default:
      return [details.ninja_device_id as string, details.tl_device_id as string];
  }
}

const signature = (hostname: string, ids: readonly string[]) => `${hostname} [${[...ids].sort().join(', ')}]`;

/** Per type: what the truth expects that was not found, and what was found without cause. */
export function compareWithTruth(found: readonly FoundException[], expected: readonly ExpectedException[]): Record<ExceptionType, TypeComparison> {
  return Object.fromEntries(
    EXCEPTION_TYPES.map((type) => {
      const want = new Set(expected.filter((e) => e.type === type).map((e) => signature(e.hostname, e.deviceIds)));
      const got = new Set(found.filter((e) => e.type === type).map((e) => signature(e.hostname, exceptionDeviceIds(e))));
      return [
        type,
        {
          expected: want.size,
          found: got.size,
          missed: [...want].filter((s) => !got.has(s)),
          unexpected: [...got].filter((s) => !want.has(s)),
        },
      ];
    }),
  ) as Record<ExceptionType, TypeComparison>;
}

/** The comparison without the lists: what a test asserts (0 and 0 per type) and a benchmark prints. */
export function countMisses(comparison: Record<ExceptionType, TypeComparison>) {
  return Object.fromEntries(
    Object.entries(comparison).map(([type, c]) => [type, { expected: c.expected, missed: c.missed.length, false: c.unexpected.length }]),
  ) as Record<ExceptionType, { expected: number; missed: number; false: number }>;
}
