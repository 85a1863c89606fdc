import type { Db } from '@/db';
import { loadSnapshotDevices, snapshotOrganizations } from '@/db/queries/inventory/devices';
import { applyExceptionChanges, insertExceptions, lockExceptionsForRun, recordObservations, recordVarianceCheck } from '@/db/queries/inventory/exception-writes';
import { latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import type { FoundException } from '@/db/types-domain/inventory';
import { getHostnameKey, NETBIOS_NAME_LENGTH } from './model/hostname';
import { planLifecycle } from './model/lifecycle';
import { toInventoryDevice } from './snapshot-rows';
import { findCrossVendorExceptions, type ExceptionType, type InventoryDevice, type InventoryException } from './model/variance';
import { VENDORS } from './vendors';

// The cross-vendor checks as a stored run: the latest snapshot of each vendor
// goes through findCrossVendorExceptions, and the result updates the
// exceptions' lifecycle (see lifecycle.ts) in one transaction.

export interface CrossVendorRunOptions {
  /** The day the results are recorded for; default the later of the two snapshot dates. */
  checkDate?: string;
  now?: Date;
  progress?: (percent: number, message?: string) => Promise<void>;
}

export interface CrossVendorRunResult {
  check_date: string;
  ninja_snapshot_date: string;
  threatlocker_snapshot_date: string;
  total: number;
  counts: Record<ExceptionType, number>;
  new: number;
  reopened: number;
  auto_resolved: number;
}

export class MissingSnapshotsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingSnapshotsError';
  }
}

/** The tenant an exception belongs to: the device's NinjaOne organisation when it has one, else ThreatLocker's. */
export function organizationOf(exception: InventoryException, tlById: ReadonlyMap<string, InventoryDevice>, ninjaById: ReadonlyMap<string, InventoryDevice>): number | null {
  switch (exception.type) {
    case 'MISSING_NINJA':
      return exception.details.tl_organization_id;
    case 'MISSING_THREATLOCKER':
      return exception.details.ninja_organization_id;
    case 'DUPLICATE_TL':
      return exception.details.tl_device_ids.map((id) => tlById.get(id)?.organizationId ?? null).find((id) => id !== null) ?? null;
    case 'SITE_MISMATCH':
      return exception.details.ninja_organization_id;
    default:
      return ninjaById.get(exception.details.ninja_device_id)?.organizationId ?? tlById.get(exception.details.tl_device_id)?.organizationId ?? null;
  }
}

async function snapshotDates(db: Db) {
  const [ninjaDate, tlDate] = await Promise.all([latestSnapshotDate(db, VENDORS.ninja.id), latestSnapshotDate(db, VENDORS.threatlocker.id)]);
  if (!ninjaDate || !tlDate) {
    const missing = [!ninjaDate && 'NinjaOne', !tlDate && 'ThreatLocker'].filter(Boolean).join(' and ');
    throw new MissingSnapshotsError(`The cross-vendor checks need a snapshot from both vendors; none yet from ${missing}. Run the collectors first.`);
  }
  return { ninjaDate, tlDate };
}

function toFound(exceptions: readonly InventoryException[], ninja: readonly InventoryDevice[], tl: readonly InventoryDevice[]): FoundException[] {
  const ninjaById = new Map(ninja.map((d) => [d.vendorDeviceId, d]));
  const tlById = new Map(tl.map((d) => [d.vendorDeviceId, d]));
  return exceptions.map((e) => ({ type: e.type, hostname: e.hostname, details: e.details, organizationId: organizationOf(e, tlById, ninjaById) }));
}

export async function runCrossVendorChecks(db: Db, options: CrossVendorRunOptions = {}): Promise<CrossVendorRunResult> {
  const progress = options.progress ?? (async () => undefined);
  const { ninjaDate, tlDate } = await snapshotDates(db);
  const checkDate = options.checkDate ?? (ninjaDate > tlDate ? ninjaDate : tlDate);
  await progress(10, `Loading NinjaOne (${ninjaDate}) and ThreatLocker (${tlDate}) snapshots`);
  const [ninja, tl] = await Promise.all([loadSnapshotDevices(db, VENDORS.ninja.id, ninjaDate), loadSnapshotDevices(db, VENDORS.threatlocker.id, tlDate)]);
  const ninjaDevices = ninja.devices.map(toInventoryDevice);
  const tlDevices = tl.devices.map(toInventoryDevice);
  await progress(40, `Comparing ${ninjaDevices.length} NinjaOne and ${tlDevices.length} ThreatLocker devices`);
  const result = findCrossVendorExceptions(ninjaDevices, tlDevices);
  const found = toFound(result.exceptions, ninjaDevices, tlDevices);
  await progress(70, `Recording ${found.length} exceptions`);
  const dataCollectedAt = earliest(ninja.collectedAt, tl.collectedAt) ?? new Date();
  const now = options.now ?? new Date();

  const plan = await db.transaction().execute(async (trx) => {
    const existing = await lockExceptionsForRun(trx, found);
    const lifecycle = planLifecycle(existing, found, { checkDate, dataCollectedAt, now });
    await insertExceptions(trx, checkDate, lifecycle.inserts);
    await applyExceptionChanges(trx, lifecycle.changes);
    await recordObservations(trx, checkDate, found);
    await recordVarianceCheck(trx, {
      check_date: checkDate,
      ninja_snapshot_date: ninjaDate,
      threatlocker_snapshot_date: tlDate,
      counts: result.counts,
      data_quality: result.dataQuality,
      checked_at: now,
    });
    return lifecycle;
  });

  return {
    check_date: checkDate,
    ninja_snapshot_date: ninjaDate,
    threatlocker_snapshot_date: tlDate,
    total: found.length,
    counts: result.counts,
    new: plan.inserts.length,
    reopened: plan.reopened,
    auto_resolved: plan.autoResolved,
  };
}

/**
 * Re-checks the devices named by these hostnames (after a rename or a sync of
 * one device) without touching any other exception. Truncated names are
 * covered through their 15-character prefix.
 */
export async function recheckHostnames(db: Db, hostnames: readonly string[], options: { now?: Date } = {}): Promise<{ found: number }> {
  const { ninjaDate, tlDate } = await snapshotDates(db);
  const checkDate = ninjaDate > tlDate ? ninjaDate : tlDate;
  const keys = [...new Set(hostnames.map(getHostnameKey).filter(Boolean))];
  const prefixes = [...new Set(keys.map((k) => k.slice(0, NETBIOS_NAME_LENGTH)))];
  const filter = { keys, prefixes };
  const [ninja, tl, tlOrgs] = await Promise.all([
    loadSnapshotDevices(db, VENDORS.ninja.id, ninjaDate, filter),
    loadSnapshotDevices(db, VENDORS.threatlocker.id, tlDate, filter),
    snapshotOrganizations(db, VENDORS.threatlocker.id, tlDate),
  ]);
  const ninjaDevices = ninja.devices.map(toInventoryDevice);
  const tlDevices = tl.devices.map(toInventoryDevice);
  // Every key the subset touches: an exception filed under any of them may change.
  const affected = [...new Set([...keys, ...[...ninjaDevices, ...tlDevices].map((d) => getHostnameKey(d.hostname)).filter(Boolean)])];
  const threatlockerOrganizations = tlOrgs.map((r) => ({ organizationId: r.organization_id, vendorOrganizationName: r.organization_name, organizationIgnored: r.status === 'ignored' }));
  const result = findCrossVendorExceptions(ninjaDevices, tlDevices, { threatlockerOrganizations });
  const found = toFound(
    result.exceptions.filter((e) => affected.includes(e.hostname)),
    ninjaDevices,
    tlDevices,
  );
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const existing = await lockExceptionsForRun(trx, found, affected);
    const plan = planLifecycle(existing, found, { checkDate, dataCollectedAt: now, now });
    await insertExceptions(trx, checkDate, plan.inserts);
    await applyExceptionChanges(trx, plan.changes);
    await recordObservations(trx, checkDate, found, affected);
  });
  return { found: found.length };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
