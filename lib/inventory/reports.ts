import {
  datesWithBothVendors,
  getVarianceCheck,
  latestVarianceCheck,
  ninjaDuplicates,
  observationCountsByDate,
  observedExceptions,
  resolutionsByDate,
  snapshotCounts,
} from '@/db/queries/inventory/reports';
import type { ExceptionRow } from '@/db/queries/inventory/exceptions';
import { authorize, isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { exceptionOrganization } from './dto';
import { dataStatusOf } from './model/freshness';
import { EXCEPTION_TYPES } from './model/variance';
import { addDays, inventoryDate, VENDORS } from './vendors';
import { cachedInventoryRead } from './cached';

// The variance reports of seed 000 (/api/variance-report/…, /api/variances/…):
// what the cross-vendor checks saw on a day, by type and by organisation.

type Details = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const capital = (v: string | null) => (v ? v[0]!.toUpperCase() + v.slice(1) : 'Unknown');

/** The dashboard groups: report key, exception type, and the vendor whose record is listed. */
const GROUPS = [
  ['missing_in_ninja', 'MISSING_NINJA', 'ThreatLocker'],
  ['missing_in_threatlocker', 'MISSING_THREATLOCKER', 'Ninja'],
  ['threatlocker_duplicates', 'DUPLICATE_TL', 'ThreatLocker'],
  ['devices_that_should_not_have_threatlocker', 'SPARE_MISMATCH', 'Ninja'],
  ['display_name_mismatches', 'DISPLAY_NAME_MISMATCH', 'Ninja'],
  ['site_mismatches', 'SITE_MISMATCH', 'Ninja'],
] as const;

function dashboardItem(row: ExceptionRow, vendor: string) {
  const d = row.details as Details;
  const site = str(d.ninja_site) ?? str(d.tl_site) ?? str(d.tl_site_name);
  const name = str(d.ninja_display_name) ?? str(d.tl_display_name) ?? str(d.ninja_hostname) ?? str(d.tl_hostname) ?? row.hostname;
  const billing = row.type === 'SPARE_MISMATCH' ? 'spare' : str(d.ninja_billing_status);
  const item: Record<string, unknown> = {
    id: Number(row.id),
    hostname: row.hostname,
    vendor,
    display_name: site ? `${name} (${site})` : name,
    organization: exceptionOrganization(row),
    billing_status: capital(billing),
    action: 'Investigate',
    resolved: row.resolved,
    variance_status: row.variance_status,
  };
  if (row.type === 'DISPLAY_NAME_MISMATCH') {
    Object.assign(item, {
      ninja_display_name: d.ninja_display_name ?? null,
      threatlocker_display_name: d.tl_display_name ?? null,
      ninja_hostname: d.ninja_hostname ?? null,
      threatlocker_hostname: d.tl_hostname ?? null,
    });
  }
  if (row.type === 'DUPLICATE_TL') Object.assign(item, { count: d.count ?? null, duplicate_hostnames: d.duplicate_hostnames ?? [] });
  if (row.type === 'SITE_MISMATCH') Object.assign(item, { ninja_organization: d.ninja_org ?? null, threatlocker_organization: d.tl_org ?? null });
  return item;
}

function groupByOrganization(rows: readonly ExceptionRow[], vendor: string) {
  const byOrganization: Record<string, ReturnType<typeof dashboardItem>[]> = {};
  for (const row of rows) (byOrganization[exceptionOrganization(row)] ??= []).push(dashboardItem(row, vendor));
  return { total_count: rows.length, by_organization: byOrganization };
}

async function buildReport(ctx: RequestContext, date: string, rows: ExceptionRow[], options: { includeResolved: boolean }) {
  const scope = scopeOf(ctx.actor);
  const check = await getVarianceCheck(ctx.db, date);
  const visible = options.includeResolved ? rows : rows.filter((r) => !r.resolved);
  const byType: Record<string, { id: number; hostname: string; details: unknown; resolved: boolean; variance_status: string; organization: string }[]> = {};
  const counts: Record<string, number> = {};
  for (const row of visible) {
    (byType[row.type] ??= []).push({
      id: Number(row.id),
      hostname: row.hostname,
      details: row.details,
      resolved: row.resolved,
      variance_status: row.variance_status,
      organization: exceptionOrganization(row),
    });
    counts[row.type] = (counts[row.type] ?? 0) + 1;
  }
  const unresolved = rows.filter((r) => !r.resolved).length;
  const [ninjaCount, tlCount] = await snapshotCounts(ctx.db, scope, [
    { vendorId: VENDORS.ninja.id, date: check?.ninja_snapshot_date ?? null },
    { vendorId: VENDORS.threatlocker.id, date: check?.threatlocker_snapshot_date ?? null },
  ]);
  const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
  const dataStatus = dataStatusOf(check?.ninja_snapshot_date ?? null, check?.threatlocker_snapshot_date ?? null, today);
  const byOrganization = Object.fromEntries(GROUPS.map(([key, type, vendor]) => [key, groupByOrganization(visible.filter((r) => r.type === type), vendor)]));
  return {
    report_date: date,
    data_status: dataStatus,
    // What the report lists (resolved ones only with include_resolved); the two counts below cover the whole day.
    total_exceptions: visible.length,
    unresolved_count: unresolved,
    resolved_count: rows.length - unresolved,
    summary: { total_exceptions: visible.length, unresolved_count: unresolved, resolved_count: rows.length - unresolved },
    by_type: byType,
    exceptions_by_type: byType,
    exception_counts: counts,
    by_organization: byOrganization,
    collection_info: {
      ninja_collected: ninjaCount,
      threatlocker_collected: tlCount,
      ninja_snapshot_date: check?.ninja_snapshot_date ?? null,
      threatlocker_snapshot_date: check?.threatlocker_snapshot_date ?? null,
      last_collection: check?.checked_at.toISOString() ?? null,
      data_freshness: dataStatus.status,
    },
    missing_in_ninja: byOrganization.missing_in_ninja,
    threatlocker_duplicates: byOrganization.threatlocker_duplicates,
    devices_that_should_not_have_threatlocker: byOrganization.devices_that_should_not_have_threatlocker,
    display_name_mismatches: byOrganization.display_name_mismatches,
  };
}

async function checkedDate(ctx: RequestContext, date?: string): Promise<string> {
  if (date === undefined) {
    const latest = await latestVarianceCheck(ctx.db);
    if (!latest) throw new AppError('not_found', 'No variance report yet: the cross-vendor checks have not run');
    return latest.check_date;
  }
  if (!(await getVarianceCheck(ctx.db, date))) throw new AppError('not_found', `No variance report for ${date}`);
  return date;
}

/** The latest cross-vendor check: its date, when it ran, and the two snapshots it compared (null before the first). */
export async function latestCheck(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  const check = await latestVarianceCheck(ctx.db);
  if (!check) return null;
  return {
    check_date: check.check_date,
    checked_at: check.checked_at.toISOString(),
    ninja_snapshot_date: check.ninja_snapshot_date,
    threatlocker_snapshot_date: check.threatlocker_snapshot_date,
  };
}

export async function varianceReport(ctx: RequestContext, options: { date?: string; includeResolved: boolean }) {
  authorize(ctx.actor, 'inventory:read');
  const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
  return cachedInventoryRead(ctx, 'variance-report', [options.date ?? 'latest', options.includeResolved, today], async () => {
    const date = await checkedDate(ctx, options.date);
    const rows = await observedExceptions(ctx.db, scopeOf(ctx.actor), date);
    return buildReport(ctx, date, rows, { includeResolved: options.includeResolved });
  });
}

export interface ReportFilters {
  type?: string;
  hostname?: string;
  organizationId?: number;
}

/** Unresolved only, with what to do first and the data-quality counts. */
export async function filteredVarianceReport(ctx: RequestContext, filters: ReportFilters & { date?: string }) {
  authorize(ctx.actor, 'inventory:read');
  const date = await checkedDate(ctx, filters.date);
  const rows = await observedExceptions(ctx.db, scopeOf(ctx.actor), date, { ...filters, unresolvedOnly: true });
  const report = await buildReport(ctx, date, rows, { includeResolved: false });
  const count = (type: string) => rows.filter((r) => r.type === type).length;
  const insights: { priority: string; type: string; count: number; message: string }[] = [];
  if (count('MISSING_THREATLOCKER') > 0) insights.push({ priority: 'Critical', type: 'MISSING_THREATLOCKER', count: count('MISSING_THREATLOCKER'), message: 'Billable devices without ThreatLocker: install the agent' });
  if (count('MISSING_NINJA') > 20) insights.push({ priority: 'Critical', type: 'MISSING_NINJA', count: count('MISSING_NINJA'), message: 'Many ThreatLocker agents have no NinjaOne device: check for unmanaged machines' });
  else if (count('MISSING_NINJA') > 0) insights.push({ priority: 'Medium', type: 'MISSING_NINJA', count: count('MISSING_NINJA'), message: 'ThreatLocker agents without a NinjaOne device' });
  if (count('SPARE_MISMATCH') > 0) insights.push({ priority: 'High', type: 'SPARE_MISMATCH', count: count('SPARE_MISMATCH'), message: 'Spare devices still use ThreatLocker seats' });
  if (count('DISPLAY_NAME_MISMATCH') > 50) insights.push({ priority: 'High', type: 'DISPLAY_NAME_MISMATCH', count: count('DISPLAY_NAME_MISMATCH'), message: 'Many ThreatLocker names differ from NinjaOne: rename in bulk' });
  if (count('DUPLICATE_TL') > 0) insights.push({ priority: 'Medium', type: 'DUPLICATE_TL', count: count('DUPLICATE_TL'), message: 'Duplicate ThreatLocker records: remove the stale ones' });
  const check = await getVarianceCheck(ctx.db, date);
  return {
    ...report,
    filters: { type: filters.type ?? null, hostname: filters.hostname ?? null, organization_id: filters.organizationId ?? null },
    actionable_insights: insights,
    // Counts across every client: only MSP staff see them.
    data_quality: isSuperuser(ctx.actor) ? (check?.data_quality ?? {}) : null,
  };
}

export async function availableDates(ctx: RequestContext, days: number) {
  authorize(ctx.actor, 'inventory:read');
  const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
  const rows = await datesWithBothVendors(ctx.db, scopeOf(ctx.actor), addDays(today, -days), VENDORS.ninja.id, VENDORS.threatlocker.id);
  return {
    available_dates: rows.map((r) => ({ date: r.date, ninja_devices: r.ninja, threatlocker_devices: r.threatlocker, has_variance_report: r.checked })),
    total_dates: rows.length,
    latest_date: rows[0]?.date ?? null,
    days,
  };
}

/** The latest-report shape for a past day, with NinjaOne's duplicate names in place of the spare group. */
export async function historicalVariances(ctx: RequestContext, date: string) {
  const report = await varianceReport(ctx, { date, includeResolved: true });
  const check = (await getVarianceCheck(ctx.db, date))!;
  const duplicates = check.ninja_snapshot_date ? await ninjaDuplicates(ctx.db, scopeOf(ctx.actor), VENDORS.ninja.id, check.ninja_snapshot_date) : [];
  const byOrganization: Record<string, unknown[]> = {};
  for (const d of duplicates) {
    (byOrganization[d.organization ?? 'Unknown'] ??= []).push({
      hostname: d.hostname_key,
      vendor: 'Ninja',
      display_name: d.hostnames.join(', '),
      organization: d.organization ?? 'Unknown',
      count: d.count,
      action: 'Investigate',
    });
  }
  const { devices_that_should_not_have_threatlocker: _spare, ...rest } = report;
  return { ...rest, ninja_duplicates: { total_count: duplicates.length, by_organization: byOrganization } };
}

export async function varianceTrends(ctx: RequestContext, options: { days: number; type?: string }) {
  authorize(ctx.actor, 'inventory:read');
  const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
  return cachedInventoryRead(ctx, 'variance-trends', [options.days, options.type ?? null, today], () => trendsSince(ctx, options, today));
}

async function trendsSince(ctx: RequestContext, options: { days: number; type?: string }, today: string) {
  const scope = scopeOf(ctx.actor);
  const from = addDays(today, -options.days);
  const [{ rows, checkDates }, resolved] = await Promise.all([observationCountsByDate(ctx.db, scope, from, options.type), resolutionsByDate(ctx.db, scope, from, options.type)]);
  const trends = checkDates.map((date) => {
    const day = rows.filter((r) => r.date === date);
    const byType = Object.fromEntries(EXCEPTION_TYPES.filter((t) => !options.type || t === options.type).map((t) => [t, day.find((r) => r.type === t)?.n ?? 0]));
    return {
      date,
      total: day.reduce((sum, r) => sum + r.n, 0),
      by_type: byType,
      new: day.reduce((sum, r) => sum + r.new, 0),
      resolved: resolved.get(date) ?? 0,
    };
  });
  const first = trends[0]?.total ?? 0;
  const last = trends[trends.length - 1]?.total ?? 0;
  return {
    period: { start: from, end: today, days: options.days },
    type: options.type ?? null,
    trends,
    summary: {
      data_points: trends.length,
      first_total: first,
      latest_total: last,
      change: last - first,
      direction: last < first ? 'improving' : last > first ? 'worsening' : 'stable',
      average_total: trends.length === 0 ? 0 : Math.round((trends.reduce((s, t) => s + t.total, 0) / trends.length) * 10) / 10,
    },
  };
}
