import { isSuperuser } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { inventoryStatus } from '@/lib/inventory';
import { qbrFreshness } from '@/lib/qbr';

// GET /api/status in seed 000's shape: the inventory's status, and how
// current the QBR collectors' numbers are.

export async function collectionStatus(ctx: RequestContext) {
  // The inventory's status authorises the caller first.
  const { generated_at, ...inventory } = await inventoryStatus(ctx);
  const qbr = await qbrFreshness(ctx.db);
  const warnings = [...inventory.warnings];
  if (qbr.is_stale) warnings.push('QBR numbers are stale: a ConnectWise, QuickBooks or metrics run is overdue or failed');
  const staff = isSuperuser(ctx.actor);
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
