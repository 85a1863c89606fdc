// Recomputes the derived QBR rows (calculated totals, quarterly roll-ups,
// SmartNumbers) from the stored monthly inputs. Run inside the caller's
// transaction; it replaces the derived rows of the organisations and
// quarters it touches, so running it twice gives the same rows.

import type { Db } from '@/db';
import { loadMonthlyRows, lockDerivedMetrics, replaceMonthlySlice, replaceQuarterly } from '@/db/queries/qbr/metrics';
import { ensurePeriods } from '@/db/queries/qbr/periods';
import { replaceSmartnumbers } from '@/db/queries/qbr/smartnumbers';
import { deriveRows, quartersOf, TOTAL_KEYS } from './model/derive';
import { monthsOfQuarter, periodDates, type MonthPeriod } from './model/periods';

export type DeriveResult = { organizations: number; months: number; quarters: number; smartnumbers: number };

/**
 * Recomputes derived rows for the organisations over every quarter that
 * contains one of `months`. Pass a transaction.
 */
export async function deriveQbrMetrics(db: Db, organizationIds: readonly number[], months: readonly MonthPeriod[]): Promise<DeriveResult> {
  const orgs = [...new Set(organizationIds)];
  const quarters = quartersOf(months);
  const allMonths = quarters.flatMap((q) => monthsOfQuarter(q));
  const monthKeys = allMonths.map((m) => m.key);
  const quarterKeys = quarters.map((q) => q.key);
  if (orgs.length === 0 || quarters.length === 0) return { organizations: 0, months: 0, quarters: 0, smartnumbers: 0 };

  await lockDerivedMetrics(db);
  await ensurePeriods(db, [
    ...allMonths.map((m) => ({ period_type: 'monthly' as const, period_value: m.key, start_date: periodDates(m).start, end_date: periodDates(m).end })),
    ...quarters.map((q) => ({ period_type: 'quarterly' as const, period_value: q.key, start_date: periodDates(q).start, end_date: periodDates(q).end })),
  ]);
  const stored = (await loadMonthlyRows(db, orgs, monthKeys)).filter((r) => r.data_source !== 'calculated');
  const rows = deriveRows(stored, orgs, quarters);
  await replaceMonthlySlice(db, { organizationIds: orgs, months: monthKeys, source: 'calculated', metricNames: [...TOTAL_KEYS] }, rows.calculated);
  await replaceQuarterly(db, orgs, quarterKeys, rows.quarterly);
  await replaceSmartnumbers(db, orgs, [...monthKeys, ...quarterKeys], rows.smartnumbers);
  return { organizations: orgs.length, months: monthKeys.length, quarters: quarters.length, smartnumbers: rows.smartnumbers.length };
}
