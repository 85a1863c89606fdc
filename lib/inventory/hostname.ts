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
  /** Our organisation; among same-named records, one in the same organisation is paired first. */
  organizationId?: number | null;
  /** ISO 8601; among same-named records, the most recently seen is paired first. */
  lastSeen?: string | null;
}

export interface DevicePair<N, T> {
  ninja: N;
  threatlocker: T;
  method: MatchMethod;
  /** The pair's hostname key: NinjaOne's (the full name) when it has one, else ThreatLocker's. */
  key: string;
}

export interface DuplicateGroup<D> {
  key: string;
  /** Two or more records of one vendor with this key, in input order. */
  devices: D[];
}

/**
 * Every input record lands in exactly one of pairs, unmatched or redundant.
 * "Redundant" records found no partner of their own, but their name is already
 * matched through another record (a second agent for the same machine), so
 * they are duplicates rather than missing devices.
 */
export interface DeviceMatchResult<N, T> {
  pairs: DevicePair<N, T>[];
  unmatchedNinja: N[];
  unmatchedThreatlocker: T[];
  redundantNinja: N[];
  redundantThreatlocker: T[];
  duplicateNinja: DuplicateGroup<N>[];
  duplicateThreatlocker: DuplicateGroup<T>[];
}

interface Side<D extends MatchableDevice> {
  devices: readonly D[];
  keys: string[];
  paired: boolean[];
  byKey: Map<string, number[]>;
}

/**
 * Pairs NinjaOne and ThreatLocker records of the same machine, strictly one to one:
 * 1. by serial number, where the serial is usable and appears once on each side;
 * 2. by exact hostname key;
 * 3. by 15-character NetBIOS prefix: one side's key is exactly 15 characters,
 *    the other's is longer and starts with it, and no other record on either
 *    side shares that prefix. Two different full names never merge this way.
 */
export function matchDevices<N extends MatchableDevice, T extends MatchableDevice>(
  ninjaDevices: readonly N[],
  threatlockerDevices: readonly T[],
): DeviceMatchResult<N, T> {
  const ninja = describeSide(ninjaDevices);
  const tl = describeSide(threatlockerDevices);
  const pairs: DevicePair<N, T>[] = [];

  const pair = (n: number, t: number, method: MatchMethod) => {
    ninja.paired[n] = true;
    tl.paired[t] = true;
    const key = ninja.keys[n] || tl.keys[t] || '';
    pairs.push({ ninja: ninjaDevices[n]!, threatlocker: threatlockerDevices[t]!, method, key });
  };

  pairBySerial(ninja, tl, pair);
  pairByKey(ninja, tl, pair);
  pairByNetbiosPrefix(ninja, tl, pair);

  const leftovers = <D extends MatchableDevice, O extends MatchableDevice>(own: Side<D>, other: Side<O>) => {
    const unmatched: D[] = [];
    const redundant: D[] = [];
    own.devices.forEach((device, i) => {
      if (own.paired[i]) return;
      (isNameAlreadyMatched(own, other, i) ? redundant : unmatched).push(device);
    });
    return { unmatched, redundant };
  };
  const ninjaLeft = leftovers(ninja, tl);
  const tlLeft = leftovers(tl, ninja);

  return {
    pairs,
    unmatchedNinja: ninjaLeft.unmatched,
    unmatchedThreatlocker: tlLeft.unmatched,
    redundantNinja: ninjaLeft.redundant,
    redundantThreatlocker: tlLeft.redundant,
    duplicateNinja: findDuplicateGroups(ninja),
    duplicateThreatlocker: findDuplicateGroups(tl),
  };
}

function describeSide<D extends MatchableDevice>(devices: readonly D[]): Side<D> {
  const keys = devices.map((d) => getHostnameKey(d.hostname));
  const byKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (key === '') return;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return { devices, keys, paired: devices.map(() => false), byKey };
}

type PairFn = (ninjaIndex: number, threatlockerIndex: number, method: MatchMethod) => void;

function pairBySerial<N extends MatchableDevice, T extends MatchableDevice>(
  ninja: Side<N>,
  tl: Side<T>,
  pair: PairFn,
) {
  const ninjaSerials = indexSerials(ninja.devices);
  const tlSerials = indexSerials(tl.devices);
  for (const [serial, ninjaIndexes] of ninjaSerials) {
    const tlIndexes = tlSerials.get(serial);
    // A serial seen twice on one side (cloned VM, reused board) cannot say which record is which.
    if (ninjaIndexes.length === 1 && tlIndexes?.length === 1) pair(ninjaIndexes[0]!, tlIndexes[0]!, 'serial');
  }
}

function indexSerials(devices: readonly MatchableDevice[]): Map<string, number[]> {
  const bySerial = new Map<string, number[]>();
  devices.forEach((device, i) => {
    const serial = normalizeSerial(device.serialNumber);
    if (serial === null) return;
    const list = bySerial.get(serial);
    if (list) list.push(i);
    else bySerial.set(serial, [i]);
  });
  return bySerial;
}

function pairByKey<N extends MatchableDevice, T extends MatchableDevice>(ninja: Side<N>, tl: Side<T>, pair: PairFn) {
  for (const [key, ninjaIndexes] of ninja.byKey) {
    const tlIndexes = tl.byKey.get(key);
    if (!tlIndexes) continue;
    const freeTl = tlIndexes.filter((t) => !tl.paired[t]);
    const freeNinja = ninjaIndexes.filter((n) => !ninja.paired[n]).sort(byMostRecent(ninja.devices));
    for (const n of freeNinja) {
      const t = pickPartner(ninja.devices[n]!, freeTl, tl.devices);
      if (t === undefined) break;
      freeTl.splice(freeTl.indexOf(t), 1);
      pair(n, t, 'hostname');
    }
  }
}

// Same-named records in two client organisations are usually two machines,
// so a partner in the same organisation wins, then the most recently seen.
function pickPartner(device: MatchableDevice, candidates: number[], devices: readonly MatchableDevice[]) {
  const ordered = [...candidates].sort(byMostRecent(devices));
  const org = device.organizationId ?? null;
  if (org !== null) {
    const sameOrg = ordered.find((i) => (devices[i]!.organizationId ?? null) === org);
    if (sameOrg !== undefined) return sameOrg;
  }
  return ordered[0];
}

function byMostRecent(devices: readonly MatchableDevice[]) {
  // Stable sort keeps input order among equal or missing timestamps.
  return (a: number, b: number) => toTime(devices[b]!.lastSeen) - toTime(devices[a]!.lastSeen);
}

function toTime(iso: string | null | undefined): number {
  if (!iso) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function pairByNetbiosPrefix<N extends MatchableDevice, T extends MatchableDevice>(
  ninja: Side<N>,
  tl: Side<T>,
  pair: PairFn,
) {
  // Distinct names, not records: three stale ThreatLocker agents named
  // "ACME-ACCT-LAPTO" are one name, and still the truncation of one machine.
  const ninjaNames = namesByPrefix(ninja.byKey);
  const tlNames = namesByPrefix(tl.byKey);
  for (const [prefix, ninjaKeys] of ninjaNames) {
    const tlKeys = tlNames.get(prefix);
    // Exactly one name on each side shares the prefix, so it cannot be two machines.
    if (ninjaKeys.length !== 1 || tlKeys?.length !== 1) continue;
    const ninjaKey = ninjaKeys[0]!;
    const tlKey = tlKeys[0]!;
    // Exactly one side truncated: equal keys would have paired already, and two
    // longer names that differ are two machines.
    const oneSideTruncated =
      (ninjaKey.length > NETBIOS_NAME_LENGTH && tlKey.length === NETBIOS_NAME_LENGTH) ||
      (ninjaKey.length === NETBIOS_NAME_LENGTH && tlKey.length > NETBIOS_NAME_LENGTH);
    if (!oneSideTruncated) continue;
    const freeTl = tl.byKey.get(tlKey)!.filter((t) => !tl.paired[t]);
    const freeNinja = ninja.byKey.get(ninjaKey)!.filter((n) => !ninja.paired[n]).sort(byMostRecent(ninja.devices));
    for (const n of freeNinja) {
      const t = pickPartner(ninja.devices[n]!, freeTl, tl.devices);
      if (t === undefined) break;
      freeTl.splice(freeTl.indexOf(t), 1);
      pair(n, t, 'netbios_prefix');
    }
  }
}

function namesByPrefix(byKey: Map<string, number[]>): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const key of byKey.keys()) {
    if (key.length < NETBIOS_NAME_LENGTH) continue;
    const prefix = key.slice(0, NETBIOS_NAME_LENGTH);
    names.set(prefix, [...(names.get(prefix) ?? []), key]);
  }
  return names;
}

function isNameAlreadyMatched<D extends MatchableDevice, O extends MatchableDevice>(
  own: Side<D>,
  other: Side<O>,
  index: number,
): boolean {
  const key = own.keys[index]!;
  if (key === '') return false;
  const sameNameOwn = own.byKey.get(key) ?? [];
  const sameNameOther = other.byKey.get(key) ?? [];
  return sameNameOwn.some((i) => own.paired[i]) || sameNameOther.some((i) => other.paired[i]);
}

function findDuplicateGroups<D extends MatchableDevice>(side: Side<D>): DuplicateGroup<D>[] {
  const groups: DuplicateGroup<D>[] = [];
  for (const [key, indexes] of side.byKey) {
    if (indexes.length > 1) groups.push({ key, devices: indexes.map((i) => side.devices[i]!) });
  }
  return groups;
}
