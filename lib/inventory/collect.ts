import type { Db } from '@/db';
import {
  latestSnapshotDate,
  purgeOldSnapshots,
  replaceVendorSnapshot,
  type SnapshotWriteSummary,
  type VendorOrganizationInput,
} from '@/db/queries/inventory/snapshots';
import { listOrganizationNames } from '@/db/queries/inventory/organizations';
import { env } from '@/lib/core/env';
import type { NinjaOneClient } from '@/lib/vendors/ninjaone/client';
import type { ThreatLockerClient } from '@/lib/vendors/threatlocker/client';
import { proposeOrganization, type NamedOrganization } from './model/org-matching';
import { isNinjaVmGuest, ninjaSnapshotRow, threatLockerSnapshotRow, type SnapshotRow } from './snapshot-rows';
import { addDays, inventoryDate, VENDORS } from './vendors';

// The two collectors. Each fetches everything first (the clients validate
// every payload), maps it, and only then replaces the day's snapshot in one
// transaction: a vendor that fails half-way leaves yesterday's data intact.

export interface CollectOptions {
  /** Defaults to today in SCHEDULE_TZ. */
  snapshotDate?: string;
  progress?: (percent: number, message?: string) => Promise<void>;
  chunkSize?: number;
  retentionDays?: number;
}

export interface CollectResult {
  vendor: string;
  snapshot_date: string;
  fetched: number;
  written: number;
  skipped: number;
  previous_date: string | null;
  previous_count: number | null;
  added: number;
  removed: number;
  purged: number;
}

const noProgress = async () => undefined;

/** Last record wins: a device listed twice (the list changed while paging) is one device. */
function dedupe(rows: SnapshotRow[]): SnapshotRow[] {
  return [...new Map(rows.map((r) => [r.vendor_device_key, r])).values()];
}

function proposeAll(orgs: Map<string, string>, ours: NamedOrganization[]): VendorOrganizationInput[] {
  return [...orgs].map(([vendorOrgId, name]) => ({ vendorOrgId, name, proposal: proposeOrganization(name, ours) }));
}

async function store(
  db: Db,
  vendor: (typeof VENDORS)[keyof typeof VENDORS],
  date: string,
  rows: SnapshotRow[],
  organizations: VendorOrganizationInput[],
  options: CollectOptions,
  fetched: number,
): Promise<CollectResult> {
  const progress = options.progress ?? noProgress;
  await progress(70, `Writing ${rows.length} ${vendor.label} devices for ${date}`);
  const sites = [...new Map(rows.filter((r) => r.site_key !== null).map((r) => [r.site_key!, r.location_name ?? r.site_key!])).entries()].map(
    ([key, name]) => ({ key, name }),
  );
  const summary: SnapshotWriteSummary = await replaceVendorSnapshot(db, {
    vendorId: vendor.id,
    snapshotDate: date,
    rows,
    sites,
    organizations,
    chunkSize: options.chunkSize,
  });
  await progress(90, 'Purging snapshots past retention');
  const retention = options.retentionDays ?? env().SNAPSHOT_RETENTION_DAYS;
  const latest = (await latestSnapshotDate(db, vendor.id)) ?? date;
  const purged = await purgeOldSnapshots(db, vendor.id, addDays(latest, -retention));
  return {
    vendor: vendor.name,
    snapshot_date: date,
    fetched,
    written: summary.written,
    skipped: fetched - rows.length,
    previous_date: summary.previousDate,
    previous_count: summary.previousCount,
    added: summary.added,
    removed: summary.removed,
    purged,
  };
}

export async function collectNinjaOne(db: Db, client: NinjaOneClient, options: CollectOptions = {}): Promise<CollectResult> {
  const progress = options.progress ?? noProgress;
  const date = options.snapshotDate ?? inventoryDate(new Date(), env().SCHEDULE_TZ);
  await progress(5, 'Fetching NinjaOne organisations, locations, devices and custom fields');
  const [organizations, devices] = await Promise.all([client.listOrganizations(), client.listDevices()]);
  await progress(60, `Fetched ${devices.length} NinjaOne devices`);
  const rows = dedupe(devices.filter((d) => !isNinjaVmGuest(d)).map(ninjaSnapshotRow));
  const orgNames = new Map(organizations.map((o) => [String(o.id), o.name]));
  for (const row of rows) {
    if (row.vendor_organization_id && !orgNames.has(row.vendor_organization_id)) {
      orgNames.set(row.vendor_organization_id, row.organization_name ?? `NinjaOne organisation ${row.vendor_organization_id}`);
    }
  }
  return store(db, VENDORS.ninja, date, rows, proposeAll(orgNames, await listOrganizationNames(db)), options, devices.length);
}

export async function collectThreatLocker(db: Db, client: ThreatLockerClient, options: CollectOptions = {}): Promise<CollectResult> {
  const progress = options.progress ?? noProgress;
  const date = options.snapshotDate ?? inventoryDate(new Date(), env().SCHEDULE_TZ);
  await progress(5, 'Fetching ThreatLocker organisations and computers');
  const [organizations, list] = await Promise.all([client.listChildOrganizations(), client.listComputers()]);
  await progress(60, `Fetched ${list.computers.length} ThreatLocker computers`);
  const rows = dedupe(list.computers.map((c) => threatLockerSnapshotRow(c, date)));
  const orgNames = new Map(organizations.map((o) => [o.id.toLowerCase(), o.name]));
  for (const row of rows) {
    if (row.vendor_organization_id && !orgNames.has(row.vendor_organization_id)) {
      orgNames.set(row.vendor_organization_id, row.organization_name ?? `ThreatLocker organisation ${row.vendor_organization_id}`);
    }
  }
  return store(db, VENDORS.threatlocker, date, rows, proposeAll(orgNames, await listOrganizationNames(db)), options, list.computers.length);
}

export function describeCollection(result: CollectResult): string {
  const change = result.previous_count === null ? 'first snapshot' : `${result.added} new, ${result.removed} gone since ${result.previous_date}`;
  const skipped = result.skipped > 0 ? `, ${result.skipped} skipped` : '';
  return `${result.vendor}: ${result.written} devices stored for ${result.snapshot_date} (${change}${skipped})`;
}
