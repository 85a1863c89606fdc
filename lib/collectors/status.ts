import { authorize, isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { cachedRead } from '@/lib/core/read-cache';
import { inventoryDate, inventoryStatus } from '@/lib/inventory';
import { qbrFreshness } from '@/lib/qbr';

// GET /api/status in seed 000's shape: the inventory's status, and how
// current the QBR collectors' numbers are.

/** What the status is computed from: it is kept in memory while these stand still (and a minute at most). */
export const STATUS_TABLES = ['device_snapshot', 'exceptions', 'variance_checks', 'job_runs', 'app_settings'] as const;

export async function collectionStatus(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  const staff = isSuperuser(ctx.actor);
  const key = [scopeOf(ctx.actor).organizationId, staff, inventoryDate(new Date(), env().SCHEDULE_TZ)];
  return cachedRead(ctx.db, { name: 'collectors.status', tables: STATUS_TABLES, key }, () => computeStatus(ctx, staff));
}

async function computeStatus(ctx: RequestContext, staff: boolean) {
  const { generated_at, ...inventory } = await inventoryStatus(ctx);
  const qbr = await qbrFreshness(ctx.db);
  const warnings = [...inventory.warnings];
  if (qbr.is_stale) warnings.push('QBR numbers are stale: a ConnectWise, QuickBooks or metrics run is overdue or failed');
  return {
    ...inventory,
    warnings,
    has_warnings: warnings.length > 0,
    qbr: {
      is_stale: qbr.is_stale,
      sources: qbr.sources.map((source) => ({
        source: source.source,
        mode: source.mode,
        last_success_at: source.last_success_at,
        last_run_status: source.last_run_status,
        is_stale: source.is_stale,
        // The reason can quote vendor error text: MSP staff only.
        reason: staff ? source.reason : null,
      })),
    },
    generated_at,
  };
}
