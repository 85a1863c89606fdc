// Cross-vendor variance checks between NinjaOne (what we manage and bill) and
// ThreatLocker (what is protected), as a pure function over normalised records.
// The caller loads one snapshot date per vendor and stores the result; nothing
// here reads the database or the clock.

import { cleanHostname, getHostnameKey, matchDevices, type DeviceGroup, type DevicePair, type MatchMethod } from './hostname';
import { compareOrganizations, threatlockerScope, type OrganizationComparison, type OrganizationSide } from './org-identity';
import type { BillingStatus, DeviceType } from './device-classes';

/** One device as a collector normalised it, for either vendor. */
export interface InventoryDevice {
  /** The vendor's own id: NinjaOne device id, ThreatLocker computerId. */
  vendorDeviceId: string;
  /** As the vendor reports it: NinjaOne dnsName/systemName, ThreatLocker hostname. */
  hostname: string | null;
  /** NinjaOne displayName; ThreatLocker computerName (often "HOST | user"). */
  displayName: string | null;
  serialNumber: string | null;
  vendorOrganizationId: string | null;
  vendorOrganizationName: string | null;
  /** Our organisations.id through the vendor organisation mapping; null while unmapped. */
  organizationId: number | null;
  /** A superuser said the vendor organisation is none of ours: it stays out of the organisation checks. */
  organizationIgnored?: boolean;
  /** NinjaOne location name. ThreatLocker has no sites, so its collector leaves this null. */
  siteName: string | null;
  /** NinjaOne's classification; 'unknown' for ThreatLocker. */
  deviceType: DeviceType;
  /** NinjaOne's classification; 'unknown' for ThreatLocker. */
  billingStatus: BillingStatus;
  /**
   * ThreatLocker: the agent is installed and not disabled or deleted (the
   * original counted a missing status as active). Not read for NinjaOne records.
   */
  isActive: boolean;
  /** ISO 8601: NinjaOne lastContact, ThreatLocker lastCheckin. */
  lastSeen: string | null;
}

export const EXCEPTION_TYPES = [
  'MISSING_NINJA',
  'MISSING_THREATLOCKER',
  'DUPLICATE_TL',
  'SITE_MISMATCH',
  'SPARE_MISMATCH',
  'DISPLAY_NAME_MISMATCH',
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

/**
 * MISSING_NINJA: a ThreatLocker agent whose machine NinjaOne does not know.
 * One exception per hostname key; when several ThreatLocker records share the
 * key, the most recently seen one fills the single-valued fields.
 */
export interface MissingNinjaDetails {
  /** The hostname key (the original stored the key here too). */
  tl_hostname: string;
  tl_canonical_key: string;
  /** Always null today: ThreatLocker has no sites. Kept for the original's readers. */
  tl_site_name: string | null;
  tl_org_name: string | null;
  tl_organization_id: number | null;
  tl_display_name: string | null;
  tl_last_seen: string | null;
  tl_device_ids: string[];
  count: number;
  /** True when a stored hostname carried a "| user" suffix. */
  data_quality_issue: boolean;
  /** The raw hostname when data_quality_issue is true, else null. */
  original_stored_hostname: string | null;
}

/** MISSING_THREATLOCKER: a billable NinjaOne workstation or server without a ThreatLocker agent. */
export interface MissingThreatlockerDetails {
  hostname_base: string;
  ninja_hostname: string;
  ninja_display_name: string | null;
  ninja_org_name: string | null;
  ninja_organization_id: number | null;
  ninja_site: string | null;
  ninja_device_type: DeviceType;
  ninja_billing_status: BillingStatus;
  ninja_last_seen: string | null;
  ninja_device_ids: string[];
  count: number;
  /**
   * How the device was placed in ThreatLocker scope (see org-identity.ts);
   * null when the caller put every organisation in scope.
   */
  org_compared_by: OrganizationComparison | null;
}

/** DUPLICATE_TL: the same hostname key on more than one ThreatLocker record. */
export interface DuplicateTlDetails {
  hostname_base: string;
  count: number;
  /** Each record's hostname without suffix and domain, case kept, in input order. */
  duplicate_hostnames: string[];
  /** Distinct non-empty site names among the records. */
  sites: string[];
  /** Distinct non-empty organisation names among the records. */
  organizations: string[];
  /** The first record's organisation. */
  tl_org_name: string | null;
  tl_device_ids: string[];
  /** The record to keep (most recently seen); the others are likely stale agents. */
  most_recent_tl_device_id: string;
}

/** Fields every exception about a matched pair carries. */
interface PairDetails {
  hostname_base: string;
  tl_hostname: string;
  ninja_hostname: string;
  match_method: MatchMethod;
  tl_device_id: string;
  ninja_device_id: string;
}

/** SITE_MISMATCH: the same machine filed under two different client organisations. */
export interface SiteMismatchDetails extends PairDetails {
  tl_site: string | null;
  ninja_site: string | null;
  tl_org: string | null;
  ninja_org: string | null;
  /** Null while that side is unmapped. */
  tl_organization_id: number | null;
  ninja_organization_id: number | null;
  /** 'mapping' when both sides are mapped, else 'name' (see org-identity.ts). */
  org_compared_by: OrganizationComparison;
}

/** SPARE_MISMATCH: NinjaOne says spare (not billed) but ThreatLocker protects it (a paid seat). */
export interface SpareMismatchDetails extends PairDetails {
  ninja_billing_status: 'spare';
  tl_site: string | null;
  ninja_site: string | null;
  tl_org_name: string | null;
  ninja_org_name: string | null;
  tl_last_seen: string | null;
  note: string;
}

/** DISPLAY_NAME_MISMATCH: ThreatLocker's computer name does not follow NinjaOne's display name. */
export interface DisplayNameMismatchDetails extends PairDetails {
  /** ThreatLocker's computer name, or its hostname when it has none. */
  tl_display_name: string;
  /** NinjaOne's display name; null when blank (NinjaOne then shows the hostname). */
  ninja_display_name: string | null;
  tl_org_name: string | null;
  ninja_org_name: string | null;
  note: string;
}

export type InventoryException =
  | { type: 'MISSING_NINJA'; hostname: string; details: MissingNinjaDetails }
  | { type: 'MISSING_THREATLOCKER'; hostname: string; details: MissingThreatlockerDetails }
  | { type: 'DUPLICATE_TL'; hostname: string; details: DuplicateTlDetails }
  | { type: 'SITE_MISMATCH'; hostname: string; details: SiteMismatchDetails }
  | { type: 'SPARE_MISMATCH'; hostname: string; details: SpareMismatchDetails }
  | { type: 'DISPLAY_NAME_MISMATCH'; hostname: string; details: DisplayNameMismatchDetails };

export interface CrossVendorOptions {
  /**
   * NinjaOne locations whose spares may keep ThreatLocker (the original exempted
   * its own "ES Spare" stock, kept ready to deploy). Compared case-insensitively.
   */
  spareExemptSiteNames?: readonly string[];
  /**
   * ThreatLocker organisations that have agents: a NinjaOne device is expected
   * to run ThreatLocker when its organisation is the same client as one of these
   * (org-identity.ts), so clients who never bought it are not flagged device by
   * device. Default: the organisations of the ThreatLocker records given. 'all'
   * flags every billable device that is not in an ignored organisation.
   */
  threatlockerOrganizations?: readonly OrganizationSide[] | 'all';
}

export interface DataQualityCounts {
  /** ThreatLocker hostnames carrying a "| user" suffix. */
  threatlockerHostnamesWithPipe: number;
  ninjaMissingHostname: number;
  threatlockerMissingHostname: number;
  ninjaUnmappedOrganization: number;
  threatlockerUnmappedOrganization: number;
}

export interface CrossVendorResult {
  /** Sorted by type (EXCEPTION_TYPES order), then hostname; at most one per type and hostname. */
  exceptions: InventoryException[];
  counts: Record<ExceptionType, number>;
  dataQuality: DataQualityCounts;
}

/** Runs every cross-vendor check over one day's NinjaOne and ThreatLocker records. */
export function findCrossVendorExceptions(
  ninjaDevices: readonly InventoryDevice[],
  threatlockerDevices: readonly InventoryDevice[],
  options: CrossVendorOptions = {},
): CrossVendorResult {
  const match = matchDevices(ninjaDevices, threatlockerDevices);
  const exceptions: InventoryException[] = [
    ...findMissingNinja(match.unmatchedThreatlockerGroups),
    ...findMissingThreatlocker(match.unmatchedNinja, threatlockerDevices, options),
    ...findDuplicateThreatlocker(match.duplicateThreatlocker),
    ...match.pairs.flatMap((pair) => checkPair(pair, options)),
  ];
  const unique = dedupeByTypeAndHostname(exceptions).sort(compareExceptions);
  return {
    exceptions: unique,
    counts: countByType(unique),
    dataQuality: countDataQuality(ninjaDevices, threatlockerDevices),
  };
}

// One exception per machine NinjaOne does not know; the matcher groups its agents (all name forms).
function findMissingNinja(machines: readonly DeviceGroup<InventoryDevice>[]): InventoryException[] {
  return machines.map(({ key, devices: records }) => {
    const latest = mostRecent(records);
    const withPipe = records.find((d) => d.hostname?.includes('|'));
    return {
      type: 'MISSING_NINJA',
      hostname: key,
      details: {
        tl_hostname: key,
        tl_canonical_key: key,
        tl_site_name: latest.siteName,
        tl_org_name: latest.vendorOrganizationName,
        tl_organization_id: latest.organizationId,
        tl_display_name: latest.displayName,
        tl_last_seen: latest.lastSeen,
        tl_device_ids: records.map((d) => d.vendorDeviceId),
        count: records.length,
        data_quality_issue: withPipe !== undefined,
        original_stored_hostname: withPipe?.hostname ?? null,
      },
    };
  });
}

function findMissingThreatlocker(
  unmatched: readonly InventoryDevice[],
  threatlockerDevices: readonly InventoryDevice[],
  options: CrossVendorOptions,
): InventoryException[] {
  const configured = options.threatlockerOrganizations;
  const scopeOf = configured === 'all' ? () => null : threatlockerScope(configured ?? threatlockerDevices);
  const inScope = (d: InventoryDevice) => (configured === 'all' ? !d.organizationIgnored : scopeOf(d) !== null);
  const needAgent = unmatched.filter(
    (d) => d.billingStatus === 'billable' && (d.deviceType === 'workstation' || d.deviceType === 'server') && inScope(d),
  );
  return groupByKey(needAgent).map(([key, records]) => {
    const latest = mostRecent(records);
    return {
      type: 'MISSING_THREATLOCKER',
      hostname: key,
      details: {
        hostname_base: key,
        ninja_hostname: cleanHostname(latest.hostname),
        ninja_display_name: latest.displayName,
        ninja_org_name: latest.vendorOrganizationName,
        ninja_organization_id: latest.organizationId,
        ninja_site: latest.siteName,
        ninja_device_type: latest.deviceType,
        ninja_billing_status: latest.billingStatus,
        ninja_last_seen: latest.lastSeen,
        ninja_device_ids: records.map((d) => d.vendorDeviceId),
        count: records.length,
        org_compared_by: scopeOf(latest),
      },
    };
  });
}

function findDuplicateThreatlocker(
  groups: readonly { key: string; devices: InventoryDevice[] }[],
): InventoryException[] {
  return groups.map(({ key, devices }) => ({
    type: 'DUPLICATE_TL',
    hostname: key,
    details: {
      hostname_base: key,
      count: devices.length,
      duplicate_hostnames: devices.map((d) => cleanHostname(d.hostname)),
      sites: distinctNames(devices.map((d) => d.siteName)),
      organizations: distinctNames(devices.map((d) => d.vendorOrganizationName)),
      tl_org_name: devices[0]?.vendorOrganizationName ?? null,
      tl_device_ids: devices.map((d) => d.vendorDeviceId),
      most_recent_tl_device_id: mostRecent(devices).vendorDeviceId,
    },
  }));
}

function checkPair(pair: DevicePair<InventoryDevice, InventoryDevice>, options: CrossVendorOptions): InventoryException[] {
  const { ninja, threatlocker: tl } = pair;
  const base: PairDetails = {
    hostname_base: pair.key,
    tl_hostname: cleanHostname(tl.hostname),
    ninja_hostname: cleanHostname(ninja.hostname),
    match_method: pair.method,
    tl_device_id: tl.vendorDeviceId,
    ninja_device_id: ninja.vendorDeviceId,
  };
  const found: InventoryException[] = [];

  // Mapped or not, two organisations that are not the same client are news (org-identity.ts).
  const organizations = compareOrganizations(ninja, tl);
  if (organizations && !organizations.same) {
    found.push({
      type: 'SITE_MISMATCH',
      hostname: pair.key,
      details: {
        ...base,
        tl_site: tl.siteName,
        ninja_site: ninja.siteName,
        tl_org: tl.vendorOrganizationName,
        ninja_org: ninja.vendorOrganizationName,
        tl_organization_id: tl.organizationId,
        ninja_organization_id: ninja.organizationId,
        org_compared_by: organizations.by,
      },
    });
  }

  if (ninja.billingStatus === 'spare' && tl.isActive && !isSpareExempt(ninja.siteName, options)) {
    found.push({
      type: 'SPARE_MISMATCH',
      hostname: pair.key,
      details: {
        ...base,
        ninja_billing_status: 'spare',
        tl_site: tl.siteName,
        ninja_site: ninja.siteName,
        tl_org_name: tl.vendorOrganizationName,
        ninja_org_name: ninja.vendorOrganizationName,
        tl_last_seen: tl.lastSeen,
        note: 'Spare in NinjaOne but active in ThreatLocker: remove the agent or bill the device.',
      },
    });
  }

  const displayMismatch = compareDisplayNames(ninja, tl);
  if (displayMismatch) {
    found.push({
      type: 'DISPLAY_NAME_MISMATCH',
      hostname: pair.key,
      details: {
        ...base,
        tl_display_name: displayMismatch.tlName,
        ninja_display_name: displayMismatch.ninjaName,
        tl_org_name: tl.vendorOrganizationName,
        ninja_org_name: ninja.vendorOrganizationName,
        note: displayMismatch.ninjaName
          ? 'Rename the ThreatLocker computer to the NinjaOne display name.'
          : 'NinjaOne has no display name; set one there or rename the ThreatLocker computer to the hostname.',
      },
    });
  }
  return found;
}

function isSpareExempt(siteName: string | null, options: CrossVendorOptions): boolean {
  const site = normalizeName(siteName);
  return site !== '' && (options.spareExemptSiteNames ?? []).some((name) => normalizeName(name) === site);
}

/**
 * NinjaOne's display name is the one technicians maintain; ThreatLocker's
 * computer name should carry the same text. When NinjaOne's is blank it shows
 * the hostname, so a ThreatLocker name equal to either hostname is fine.
 * Returns the names compared, or null when they agree.
 */
export function compareDisplayNames(
  ninja: Pick<InventoryDevice, 'hostname' | 'displayName'>,
  tl: Pick<InventoryDevice, 'hostname' | 'displayName'>,
): { ninjaName: string | null; tlName: string } | null {
  const tlName = collapseSpaces(tl.displayName) || collapseSpaces(tl.hostname);
  if (tlName === '') return null;
  const ninjaName = collapseSpaces(ninja.displayName);
  if (ninjaName === '') {
    const hostnames = [collapseSpaces(tl.hostname), cleanHostname(ninja.hostname), collapseSpaces(ninja.hostname)];
    const showsHostname = hostnames.some((h) => h !== '' && h.toLowerCase() === tlName.toLowerCase());
    return showsHostname ? null : { ninjaName: null, tlName };
  }
  return ninjaName.toLowerCase() === tlName.toLowerCase() ? null : { ninjaName, tlName };
}

// Runs of spaces are typing noise, not a name a technician should fix.
function collapseSpaces(value: string | null): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function normalizeName(value: string | null): string {
  return collapseSpaces(value).toLowerCase();
}

function groupByKey(devices: readonly InventoryDevice[]): [string, InventoryDevice[]][] {
  const groups = new Map<string, InventoryDevice[]>();
  for (const device of devices) {
    const key = getHostnameKey(device.hostname);
    // Without a name there is nothing to report by; dataQuality counts these.
    if (key === '') continue;
    const list = groups.get(key);
    if (list) list.push(device);
    else groups.set(key, [device]);
  }
  return [...groups];
}

function mostRecent(devices: readonly InventoryDevice[]): InventoryDevice {
  let best = devices[0]!;
  for (const device of devices) {
    if (toTime(device.lastSeen) > toTime(best.lastSeen)) best = device;
  }
  return best;
}

function toTime(iso: string | null): number {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function distinctNames(values: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const name = collapseSpaces(value);
    if (name !== '') seen.add(name);
  }
  return [...seen];
}

// Several NinjaOne records with one name can each pair with a ThreatLocker
// record; one exception per type and name is what a technician acts on.
function dedupeByTypeAndHostname(exceptions: readonly InventoryException[]): InventoryException[] {
  const seen = new Set<string>();
  return exceptions.filter((e) => {
    const id = `${e.type}\u0000${e.hostname}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function compareExceptions(a: InventoryException, b: InventoryException): number {
  const byType = EXCEPTION_TYPES.indexOf(a.type) - EXCEPTION_TYPES.indexOf(b.type);
  if (byType !== 0) return byType;
  return a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0;
}

function countByType(exceptions: readonly InventoryException[]): Record<ExceptionType, number> {
  const counts = Object.fromEntries(EXCEPTION_TYPES.map((type) => [type, 0])) as Record<ExceptionType, number>;
  for (const e of exceptions) counts[e.type] += 1;
  return counts;
}

function countDataQuality(
  ninjaDevices: readonly InventoryDevice[],
  threatlockerDevices: readonly InventoryDevice[],
): DataQualityCounts {
  const count = (devices: readonly InventoryDevice[], test: (d: InventoryDevice) => boolean) =>
    devices.filter(test).length;
  return {
    threatlockerHostnamesWithPipe: count(threatlockerDevices, (d) => d.hostname?.includes('|') ?? false),
    ninjaMissingHostname: count(ninjaDevices, (d) => getHostnameKey(d.hostname) === ''),
    threatlockerMissingHostname: count(threatlockerDevices, (d) => getHostnameKey(d.hostname) === ''),
    ninjaUnmappedOrganization: count(ninjaDevices, (d) => d.organizationId === null),
    threatlockerUnmappedOrganization: count(threatlockerDevices, (d) => d.organizationId === null),
  };
}
