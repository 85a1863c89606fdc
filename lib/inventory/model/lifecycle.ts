// How a day's check results change the stored exceptions (pure). Exceptions
// are kept and updated, never deleted:
// - one that is found again stays as it is (details and last-seen refreshed);
// - one that is no longer found is resolved by the collector (collector_verified);
// - one that comes back after that is reopened;
// - a manual fix stands until data collected after the fix confirms it (gone:
//   collector_verified) or contradicts it (still there: reopened). Without
//   newer data for STALE_AFTER_DAYS it becomes 'stale'.

import type { ExceptionChange, FoundException, HistoryEntry, StoredException, VarianceStatus } from '@/db/types-domain/inventory';

// The row shapes live beside the exceptions table; the planner works on them.
export type { ExceptionChange, FoundException, HistoryEntry, StoredException };

export const STALE_AFTER_DAYS = 7;
export const COLLECTOR = 'collector';

export interface LifecyclePlan {
  inserts: (FoundException & { history: HistoryEntry })[];
  changes: ExceptionChange[];
  reopened: number;
  autoResolved: number;
}

export interface LifecycleContext {
  checkDate: string;
  /** When the older of the two vendor snapshots was collected: fixes made before it are testable. */
  dataCollectedAt: Date;
  now: Date;
}

export const exceptionKey = (type: string, hostname: string) => `${type}\u0000${hostname}`;

export function planLifecycle(existing: readonly StoredException[], found: readonly FoundException[], context: LifecycleContext): LifecyclePlan {
  const { checkDate, dataCollectedAt, now } = context;
  const at = now.toISOString();
  const byKey = new Map(existing.map((e) => [exceptionKey(e.type, e.hostname), e]));
  const foundKeys = new Set<string>();
  const plan: LifecyclePlan = { inserts: [], changes: [], reopened: 0, autoResolved: 0 };
  const entry = (from: VarianceStatus | null, to: VarianceStatus, resolved: boolean, reason: string): HistoryEntry => ({
    at,
    date: checkDate,
    from,
    to,
    resolved,
    by: COLLECTOR,
    reason,
  });

  for (const f of found) {
    const key = exceptionKey(f.type, f.hostname);
    foundKeys.add(key);
    const e = byKey.get(key);
    if (!e) {
      plan.inserts.push({ ...f, history: entry(null, 'active', false, 'Found by the cross-vendor checks') });
      continue;
    }
    const base = {
      id: e.id,
      found: f,
      last_seen_date: e.last_seen_date > checkDate ? e.last_seen_date : checkDate,
      resolved: e.resolved,
      variance_status: e.variance_status,
      resolved_at: e.resolved_at?.toISOString() ?? null,
      resolved_by: e.resolved_by,
      history: null as HistoryEntry | null,
    };
    const reopen = (reason: string): ExceptionChange => {
      plan.reopened += 1;
      return { ...base, resolved: false, variance_status: 'active', resolved_at: null, resolved_by: null, history: entry(e.variance_status, 'active', false, reason) };
    };
    if (e.variance_status === 'collector_verified') {
      plan.changes.push(reopen('Found again after it had gone'));
    } else if (e.variance_status === 'manually_fixed' || e.variance_status === 'stale') {
      const fixedAt = e.manually_updated_at ?? e.resolved_at;
      if (fixedAt && dataCollectedAt > fixedAt) {
        plan.changes.push(reopen('Still present in data collected after the manual fix'));
      } else if (e.variance_status === 'manually_fixed' && fixedAt && now.getTime() - fixedAt.getTime() > STALE_AFTER_DAYS * 86_400_000) {
        plan.changes.push({ ...base, variance_status: 'stale', history: entry('manually_fixed', 'stale', e.resolved, `No data newer than the fix for ${STALE_AFTER_DAYS} days`) });
      } else {
        plan.changes.push(base);
      }
    } else {
      plan.changes.push(base);
    }
  }

  for (const e of existing) {
    if (foundKeys.has(exceptionKey(e.type, e.hostname))) continue;
    if (e.variance_status === 'collector_verified') continue;
    // A check of an older day says nothing about an exception seen since.
    if (e.last_seen_date > checkDate) continue;
    plan.autoResolved += 1;
    plan.changes.push({
      id: e.id,
      found: null,
      last_seen_date: e.last_seen_date,
      resolved: true,
      variance_status: 'collector_verified',
      resolved_at: e.resolved && e.resolved_at ? e.resolved_at.toISOString() : at,
      resolved_by: e.resolved && e.resolved_by ? e.resolved_by : COLLECTOR,
      history: entry(e.variance_status, 'collector_verified', true, 'No longer found by the cross-vendor checks'),
    });
  }
  return plan;
}
