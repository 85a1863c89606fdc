import { unresolvedCountsByType } from '@/db/queries/inventory/exceptions';
import { snapshotCounts } from '@/db/queries/inventory/reports';
import { latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import { authorize, isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { recentCollectorFailures } from './collector-status';
import { dataStatusOf, freshnessOf } from './model/freshness';
import { ninjaOneSourceMode, threatLockerSourceMode } from './source-modes';
import { inventoryDate, VENDORS } from './vendors';

// The inventory's part of GET /api/status in seed 000's shape, plus where
// each vendor's data comes from (live, simulated or unconfigured). Counts are
// the caller's organisation's. lib/collectors adds the QBR collectors' part.

export async function inventoryStatus(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  const scope = scopeOf(ctx.actor);
  const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
  const [ninjaDate, tlDate] = await Promise.all([latestSnapshotDate(ctx.db, VENDORS.ninja.id), latestSnapshotDate(ctx.db, VENDORS.threatlocker.id)]);
  const [ninjaCount, tlCount] = await snapshotCounts(ctx.db, scope, [
    { vendorId: VENDORS.ninja.id, date: ninjaDate },
    { vendorId: VENDORS.threatlocker.id, date: tlDate },
  ]);
  const sources = { Ninja: await ninjaOneSourceMode(ctx.db), ThreatLocker: await threatLockerSourceMode(ctx.db) };
  const vendorStatus = {
    Ninja: { ...freshnessOf(ninjaDate, today), source: sources.Ninja },
    ThreatLocker: { ...freshnessOf(tlDate, today), source: sources.ThreatLocker },
  };
  const failures = await recentCollectorFailures(ctx);
  const staff = isSuperuser(ctx.actor);
  const exceptionCounts = await unresolvedCountsByType(ctx.db, scope);

  const warnings: string[] = [];
  const dataStatus = dataStatusOf(ninjaDate, tlDate, today);
  for (const [name, status] of Object.entries(vendorStatus)) {
    const label = name === 'Ninja' ? 'NinjaOne' : name;
    if (status.source === 'unconfigured') warnings.push(`${label} is not configured: its collector cannot run`);
    if (status.freshness_status === 'no_data') warnings.push(`No ${label} data collected yet`);
    else if (status.freshness_status === 'stale' || status.freshness_status === 'very_stale') warnings.push(`${label} data is ${status.days_old} days old`);
  }
  if (ninjaDate && tlDate && ninjaDate !== tlDate) warnings.push(dataStatus.message);
  if (failures.total > 0) warnings.push(`${failures.total} collector run(s) failed in the last 24 hours`);

  return {
    data_status: dataStatus,
    device_counts: { Ninja: ninjaCount, ThreatLocker: tlCount },
    vendor_status: vendorStatus,
    collector_health: {
      recent_failures: failures.rows.map((r) => ({
        job_id: r.job_id,
        job_name: r.job_name,
        ended_at: r.ended_at?.toISOString() ?? null,
        // Vendor error text can name hosts and tenants: MSP staff only.
        error: staff ? r.error : null,
      })),
      has_recent_failures: failures.total > 0,
      total_failures_last_24h: failures.total,
    },
    warnings,
    has_warnings: warnings.length > 0,
    exception_counts: exceptionCounts,
    total_exceptions: Object.values(exceptionCounts).reduce((sum, n) => sum + n, 0),
    sources,
    generated_at: new Date().toISOString(),
  };
}
