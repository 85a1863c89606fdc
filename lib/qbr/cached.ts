import { scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { cachedRead } from '@/lib/core/read-cache';

// QBR numbers change only when a collector, the metrics job or a person
// writes to these tables (job_runs and app_settings for how fresh they
// are); between such writes each caller's answer is computed once
// (lib/core/read-cache.ts). Callers authorise before they ask.

export const QBR_TABLES = [
  'organizations',
  'periods',
  'metrics_monthly',
  'metrics_quarterly',
  'smartnumbers',
  'thresholds',
  'qbr_settings',
  'qbr_account_mappings',
  'qbr_vendor_mappings',
  'job_runs',
  'app_settings',
] as const;

/** `compute`'s answer for this caller (tenant and role) and `key`, kept while the QBR tables stand still. */
export function cachedQbrRead<T extends object>(ctx: RequestContext, name: string, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const caller = [scopeOf(ctx.actor).organizationId, ctx.actor.role];
  return cachedRead(ctx.db, { name: `qbr.${name}`, tables: QBR_TABLES, key: [...caller, ...key] }, compute);
}
