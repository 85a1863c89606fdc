import { isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { cachedRead } from '@/lib/core/read-cache';

// The inventory's dashboard reads change only when a collector, a check, an
// assessment or a person writes to these tables; between such writes each
// caller's answer is computed once (lib/core/read-cache.ts). Callers
// authorise before they ask: a cached answer skips only the computing.

export const INVENTORY_TABLES = [
  'organizations',
  'vendor_organizations',
  'site',
  'site_alias',
  'device_identity',
  'device_snapshot',
  'daily_counts',
  'month_end_counts',
  'exceptions',
  'exception_observations',
  'variance_checks',
  'change_log',
  'windows11_assessments',
] as const;

/** `compute`'s answer for this caller's tenant and `key`, kept while the inventory's tables stand still. */
export function cachedInventoryRead<T extends object>(ctx: RequestContext, name: string, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const caller = [scopeOf(ctx.actor).organizationId, isSuperuser(ctx.actor)];
  return cachedRead(ctx.db, { name: `inventory.${name}`, tables: INVENTORY_TABLES, key: [...caller, ...key] }, compute);
}
