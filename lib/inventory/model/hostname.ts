// Hostname keys and the NinjaOne ↔ ThreatLocker device matcher.
//
// The original computed four different keys (with and without the pipe rule,
// with and without 15-character truncation), so the same pair of devices could
// match in one check and not in another. Every check here goes through
// getHostnameKey and matchDevices instead.

/** NetBIOS names are at most 15 characters; ThreatLocker reports that form. */
export const NETBIOS_NAME_LENGTH = 15;

/**
 * The hostname with the display suffix and the domain removed, case kept:
 * "CHI-4YHKJL3 | Keith Oneil" → "CHI-4YHKJL3", "PC-01.acme.local" → "PC-01".
 * Used for showing a name; compare with getHostnameKey.
 */
export function cleanHostname(raw: string | null | undefined): string {
  if (raw == null) return '';
  // ThreatLocker names often read "HOST | user"; only the host part identifies the device.
  const beforePipe = raw.split('|', 1)[0] ?? '';
  const beforeDomain = beforePipe.split('.', 1)[0] ?? '';
  return beforeDomain.trim();
}

/** The one key every check compares on: cleanHostname, lowercased. "" means no usable name. */
export function getHostnameKey(raw: string | null | undefined): string {
  return cleanHostname(raw).toLowerCase();
}

// Firmware fills these in when the OEM never set a serial; two unrelated
// machines share them, so they must never pair devices.
const PLACEHOLDER_SERIALS = new Set(
  [
    'To be filled by O.E.M.',
    'To be filled by OEM',
    'Default string',
    'Default',
    'System Serial Number',
    'Chassis Serial Number',
    'Base Board Serial Number',
    'Serial Number',
    'SerialNumber',
    'Not Specified',
    'Not Applicable',
    'Not Available',
    'None',
    'N/A',
    'NA',
    'Null',
    'Unknown',
    'Invalid',
    'OEM',
    'O.E.M.',
    '123456789',
    '1234567890',
    '0123456789',
    '12345678',
  ].map(toSerialToken),
);

function toSerialToken(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * The serial number in comparable form (upper case, no whitespace), or null when
 * it cannot identify a machine: empty, a firmware placeholder, one repeated
 * character ("0", "00000000", "FFFFFFFF") or shorter than 4 characters.
 */
export function normalizeSerial(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const token = toSerialToken(raw);
  if (token.length < 4) return null;
  if (PLACEHOLDER_SERIALS.has(token)) return null;
  if (/^(.)\1*$/.test(token)) return null;
  if (token.includes('TOBEFILLED')) return null;
  return token;
}


export type MatchMethod = 'serial' | 'hostname' | 'netbios_prefix';

/** The fields the matcher reads; the normalised vendor records carry more. */
export interface MatchableDevice {
  hostname: string | null;
  serialNumber: string | null;
  /** Our organisation; among same-named NinjaOne records, one in the agent's organisation is chosen first. */
  organizationId?: number | null;
  /** ISO 8601; a machine's checks read its most recently seen agent. */
  lastSeen?: string | null;
}

/** One NinjaOne record and the ThreatLocker agents resolved to it. */
export interface DevicePair<N, T> {
  ninja: N;
  /** The agent the per-machine checks read: the most recently seen of `agents`. */
  threatlocker: T;
  /** How that agent was resolved to the machine. */
  method: MatchMethod;
  /** The pair's hostname key: NinjaOne's when it has one, else the agent's. */
  key: string;
  /** Every ThreatLocker record resolved to this NinjaOne record, in input order. */
  agents: T[];
}

export interface DeviceGroup<D> {
  key: string;
  /** The records of this group, in input order. */
  devices: D[];
}

/**
 * Every input record lands in exactly one of: a pair (as its `ninja` or its
 * `threatlocker`), unmatched or redundant. Redundant ThreatLocker records are
 * further agents of a paired machine; a redundant NinjaOne record has no agent
 * of its own, but another NinjaOne record of the same name has one.
 */
export interface DeviceMatchResult<N, T> {
  pairs: DevicePair<N, T>[];
  unmatchedNinja: N[];
  unmatchedThreatlocker: T[];
  /**
   * unmatchedThreatlocker per machine NinjaOne does not know: the NetBIOS and
   * the full form of one name together, under the full name.
   */
  unmatchedThreatlockerGroups: DeviceGroup<T>[];
  redundantNinja: N[];
  redundantThreatlocker: T[];
  /** Two or more NinjaOne records with one hostname key. */
  duplicateNinja: DeviceGroup<N>[];
  /** Two or more ThreatLocker records of one machine: resolved to one NinjaOne name, or unresolved under one name. */
  duplicateThreatlocker: DeviceGroup<T>[];
}

interface Side<D extends MatchableDevice> {
  devices: readonly D[];
  keys: string[];
  /** The exact name: the hostname before any "| user" suffix, domain kept, lowercased. */
  names: string[];
  byKey: Map<string, number[]>;
}

interface Resolution {
  ninja: number;
  method: MatchMethod;
}

/**
 * Resolves every ThreatLocker agent to its NinjaOne machine, then decides what
 * is left over. A machine may have several agents (a reinstall leaves the old
 * one behind; ThreatLocker may hold one under the 15-character NetBIOS name and
 * one under the DNS name); all of them resolve to it. The resolution order,
 * each step looking only at agents the earlier steps left unresolved:
 * 1. serial number: usable, on exactly one NinjaOne record, and every agent
 *    carrying it has a form of one name (otherwise the serial was reused, by a
 *    cloned VM or a board swap, and cannot say which machine is which);
 * 2. hostname key (the name without "| user" and domain); among NinjaOne
 *    records of that name, the one with the same full DNS name, then the one
 *    in the agent's organisation, then the most recently seen;
 * 3. the hostname key of an agent resolved in step 1: a renamed machine's
 *    agents under its old name follow the one that carries the serial (unless
 *    agents of that name resolved to different machines);
 * 4. 15-character NetBIOS prefix: a 15-character name resolves to the one
 *    machine known under a longer name with that prefix (in either vendor), and
 *    a longer ThreatLocker name to the machine holding its truncation (a
 *    NinjaOne record of that name, or the machine an agent of that name
 *    resolved to). When two machines share the prefix nothing resolves.
 * Names that merely look alike (PC-01 and PC-010, or two long names that differ
 * after the 15th character) never resolve to each other. Two limits follow from
 * the data, not from the order: a name of exactly 15 characters is always taken
 * as a possible truncation, and a serial seen once in each vendor is taken as
 * one machine (a rename), since a reused serial seen once in each looks the same.
 */
export function matchDevices<N extends MatchableDevice, T extends MatchableDevice>(
  ninjaDevices: readonly N[],
  threatlockerDevices: readonly T[],
): DeviceMatchResult<N, T> {
  const ninja = describeSide(ninjaDevices);
  const tl = describeSide(threatlockerDevices);
  const resolved: (Resolution | undefined)[] = threatlockerDevices.map(() => undefined);
  resolveBySerial(ninja, tl, resolved);
  resolveByName(ninja, tl, resolved);
  resolveByResolvedName(tl, resolved);
  const reportAs = resolveByNetbiosPrefix(ninja, tl, resolved);
  return assemble(ninja, tl, resolved, reportAs);
}

/**
 * True when the keys can all belong to one machine: they are equal, or one is
 * the 15-character NetBIOS truncation of the other. Empty keys say nothing.
 */
export function areFormsOfOneName(keys: readonly string[]): boolean {
  const distinct = [...new Set(keys.filter((k) => k !== ''))].sort((a, b) => a.length - b.length);
  if (distinct.length <= 1) return true;
  if (distinct.length > 2) return false;
  const [short, long] = distinct as [string, string];
  return short.length === NETBIOS_NAME_LENGTH && long.length > NETBIOS_NAME_LENGTH && long.startsWith(short);
}

function describeSide<D extends MatchableDevice>(devices: readonly D[]): Side<D> {
  const keys = devices.map((d) => getHostnameKey(d.hostname));
  const names = devices.map((d) => (d.hostname ?? '').split('|', 1)[0]!.trim().toLowerCase());
  return { devices, keys, names, byKey: indexBy(keys.map((key, i) => [key, i])) };
}

/** Indexes by key, skipping empty keys, in input order. */
function indexBy(entries: Iterable<[string, number]>): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const [key, i] of entries) {
    if (key === '') continue;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  }
  return byKey;
}

type Resolved = (Resolution | undefined)[];

function resolveBySerial<N extends MatchableDevice, T extends MatchableDevice>(ninja: Side<N>, tl: Side<T>, resolved: Resolved) {
  const ninjaSerials = indexSerials(ninja.devices);
  for (const [serial, agents] of indexSerials(tl.devices)) {
    const machines = ninjaSerials.get(serial);
    if (machines?.length !== 1) continue;
    if (!areFormsOfOneName(agents.map((t) => tl.keys[t]!))) continue;
    for (const t of agents) resolved[t] = { ninja: machines[0]!, method: 'serial' };
  }
}

function indexSerials(devices: readonly MatchableDevice[]): Map<string, number[]> {
  return indexBy(devices.map((device, i) => [normalizeSerial(device.serialNumber) ?? '', i]));
}

function resolveByName<N extends MatchableDevice, T extends MatchableDevice>(ninja: Side<N>, tl: Side<T>, resolved: Resolved) {
  tl.keys.forEach((key, t) => {
    if (resolved[t] || key === '') return;
    const candidates = ninja.byKey.get(key);
    if (candidates) resolved[t] = { ninja: pickMachine(ninja, tl, t, candidates), method: 'hostname' };
  });
}

/** Step 3: agents under a name NinjaOne does not have follow a sibling of that name resolved by serial. */
function resolveByResolvedName<T extends MatchableDevice>(tl: Side<T>, resolved: Resolved) {
  // null: agents of this name resolved to different machines, so the name says nothing.
  const byName = new Map<string, Resolution | null>();
  tl.keys.forEach((key, t) => {
    const r = resolved[t];
    if (!r || key === '') return;
    const seen = byName.get(key);
    if (seen === undefined) byName.set(key, r);
    else if (seen !== null && seen.ninja !== r.ninja) byName.set(key, null);
  });
  tl.keys.forEach((key, t) => {
    const r = byName.get(key);
    if (!resolved[t] && r) resolved[t] = r;
  });
}

// Same-named NinjaOne records are told apart by the full DNS name, then by the
// client (same-named machines of two clients are two machines), then by recency.
function pickMachine<N extends MatchableDevice, T extends MatchableDevice>(ninja: Side<N>, tl: Side<T>, t: number, candidates: readonly number[]): number {
  if (candidates.length === 1) return candidates[0]!;
  const org = tl.devices[t]!.organizationId ?? null;
  const rank = (n: number) =>
    (ninja.names[n] === tl.names[t] ? 0 : 2) + (org !== null && (ninja.devices[n]!.organizationId ?? null) === org ? 0 : 1);
  // Stable sorts: rank first, recency among equal ranks, input order last.
  return [...candidates].sort(byMostRecent(ninja.devices)).sort((a, b) => rank(a) - rank(b))[0]!;
}

function byMostRecent(devices: readonly MatchableDevice[]) {
  return (a: number, b: number) => toTime(devices[b]!.lastSeen) - toTime(devices[a]!.lastSeen);
}

function toTime(iso: string | null | undefined): number {
  if (!iso) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/** A machine known under a longer name: NinjaOne records of one name, or a name only ThreatLocker has. */
type LongNamedMachine = { ninja: readonly number[] } | { threatlockerKey: string };

/**
 * Step 4. Per 15-character prefix, the machines known under a longer name:
 * each distinct longer NinjaOne name; a longer ThreatLocker name counts as the
 * machine it resolved to, or, unresolved, as a machine NinjaOne does not know.
 * Returns the unresolved agents to report under a longer name: the NetBIOS
 * form of a machine only ThreatLocker has, with its full form.
 */
function resolveByNetbiosPrefix<N extends MatchableDevice, T extends MatchableDevice>(
  ninja: Side<N>,
  tl: Side<T>,
  resolved: Resolved,
): Map<number, string> {
  const machinesByPrefix = new Map<string, Map<string, LongNamedMachine>>();
  const note = (key: string, id: string, machine: LongNamedMachine) => {
    if (key.length <= NETBIOS_NAME_LENGTH) return;
    const prefix = key.slice(0, NETBIOS_NAME_LENGTH);
    const machines = machinesByPrefix.get(prefix) ?? new Map<string, LongNamedMachine>();
    machines.set(id, machine);
    machinesByPrefix.set(prefix, machines);
  };
  for (const [key, records] of ninja.byKey) note(key, `ninja:${key}`, { ninja: records });
  tl.keys.forEach((key, t) => {
    const r = resolved[t];
    if (!r) note(key, `tl:${key}`, { threatlockerKey: key });
    else if (ninja.keys[r.ninja]) note(key, `ninja:${ninja.keys[r.ninja]}`, { ninja: ninja.byKey.get(ninja.keys[r.ninja]!)! });
    else note(key, `ninja#${r.ninja}`, { ninja: [r.ninja] });
  });

  const reportAs = new Map<number, string>();
  const unresolvedNamed = (key: string) => (tl.byKey.get(key) ?? []).filter((t) => !resolved[t]);
  for (const [prefix, machines] of machinesByPrefix) {
    if (machines.size !== 1) continue;
    const machine = machines.values().next().value!;
    if ('ninja' in machine) {
      for (const t of unresolvedNamed(prefix)) resolved[t] = { ninja: pickMachine(ninja, tl, t, machine.ninja), method: 'netbios_prefix' };
      continue;
    }
    // The one longer name is ThreatLocker's alone: it is the machine that holds the
    // 15-character name, in NinjaOne or through an agent already resolved.
    const fullKey = machine.threatlockerKey;
    const holders = ninja.byKey.get(prefix) ?? machineOfResolved(tl, resolved, prefix);
    if (holders) {
      for (const t of unresolvedNamed(fullKey)) resolved[t] = { ninja: pickMachine(ninja, tl, t, holders), method: 'netbios_prefix' };
    } else {
      for (const t of unresolvedNamed(prefix)) reportAs.set(t, fullKey);
    }
  }
  return reportAs;
}

/** The NinjaOne record the agents with this key resolved to, when they all resolved to one. */
function machineOfResolved<T extends MatchableDevice>(tl: Side<T>, resolved: Resolved, key: string): number[] | undefined {
  const machines = new Set((tl.byKey.get(key) ?? []).map((t) => resolved[t]?.ninja));
  const [only] = machines;
  return machines.size === 1 && only !== undefined ? [only] : undefined;
}

function assemble<N extends MatchableDevice, T extends MatchableDevice>(
  ninja: Side<N>,
  tl: Side<T>,
  resolved: Resolved,
  reportAs: ReadonlyMap<number, string>,
): DeviceMatchResult<N, T> {
  const agentsOf = new Map<number, number[]>();
  resolved.forEach((r, t) => {
    if (!r) return;
    const agents = agentsOf.get(r.ninja);
    if (agents) agents.push(t);
    else agentsOf.set(r.ninja, [t]);
  });

  const pairs: DevicePair<N, T>[] = [];
  const pairKey = new Map<number, string>();
  const primaries = new Set<number>();
  for (const n of [...agentsOf.keys()].sort((a, b) => a - b)) {
    const agents = agentsOf.get(n)!;
    // The live agent, when a reinstall left an old one behind.
    const primary = [...agents].sort(byMostRecent(tl.devices))[0]!;
    const key = ninja.keys[n] || tl.keys[primary] || '';
    primaries.add(primary);
    pairKey.set(n, key);
    pairs.push({
      ninja: ninja.devices[n]!,
      threatlocker: tl.devices[primary]!,
      method: resolved[primary]!.method,
      key,
      agents: agents.map((t) => tl.devices[t]!),
    });
  }

  // The name an agent is reported under: its machine's, else its own (or its full name).
  const reportKey = (t: number) => {
    const r = resolved[t];
    return r ? pairKey.get(r.ninja)! : (reportAs.get(t) ?? tl.keys[t]!);
  };
  const unresolved = tl.devices.flatMap((_, t) => (resolved[t] ? [] : [t]));
  const groups = (entries: Map<string, number[]>, minSize: number) =>
    [...entries].filter(([, list]) => list.length >= minSize).map(([key, list]) => ({ key, devices: list.map((t) => tl.devices[t]!) }));

  const ninjaLeft = ninja.devices.flatMap((_, n) => (agentsOf.has(n) ? [] : [n]));
  const nameCovered = (n: number) => (ninja.byKey.get(ninja.keys[n]!) ?? []).some((m) => agentsOf.has(m));
  return {
    pairs,
    unmatchedNinja: ninjaLeft.filter((n) => !nameCovered(n)).map((n) => ninja.devices[n]!),
    unmatchedThreatlocker: unresolved.map((t) => tl.devices[t]!),
    unmatchedThreatlockerGroups: groups(indexBy(unresolved.map((t) => [reportKey(t), t])), 1),
    redundantNinja: ninjaLeft.filter(nameCovered).map((n) => ninja.devices[n]!),
    redundantThreatlocker: tl.devices.filter((_, t) => resolved[t] && !primaries.has(t)),
    duplicateNinja: [...ninja.byKey].filter(([, list]) => list.length > 1).map(([key, list]) => ({ key, devices: list.map((n) => ninja.devices[n]!) })),
    duplicateThreatlocker: groups(indexBy(tl.devices.map((_, t) => [reportKey(t), t])), 2),
  };
}
