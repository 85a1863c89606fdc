// Everything computed from the stored monthly inputs: calculated totals per
// month, quarterly roll-ups and the 18 SmartNumbers for months and
// quarters. Run inside the caller's transaction; it replaces the derived rows
// of the organisations and quarters it touches, so running it twice gives
// the same rows.

import type { Db } from '@/db';
import { loadMonthlyRows, lockDerivedMetrics, replaceMonthlySlice, replaceQuarterly, type MonthlyRow, type NewMonthlyRow, type NewQuarterlyRow } from '@/db/queries/qbr/metrics';
import { ensurePeriods } from '@/db/queries/qbr/periods';
import { replaceSmartnumbers, type NewSmartnumberRow } from '@/db/queries/qbr/smartnumbers';
import { CLIENT_METRIC_KEYS, CLIENT_METRICS, rollUpClientMetrics, type ClientMetricValues } from './client-metrics';
import { monthsOfQuarter, periodDates, quarterOfMonth, toPeriod, type MonthPeriod, type QuarterPeriod } from './periods';
import {
  completeTotals,
  computeSmartNumbers,
  EXPENSE_CATEGORIES,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  notComputableNotes,
  pickPreferred,
  quarterInputs,
  REVENUE_CATEGORIES,
  SMARTNUMBER_CATALOGUE,
  SMARTNUMBER_KEYS,
  type MetricValues,
} from './smartnumbers';

export const TOTAL_KEYS = ['total_revenue', 'total_expenses', 'net_profit'] as const;
const TOTAL_SET = new Set<string>(TOTAL_KEYS);

export type MonthValues = MetricValues & ClientMetricValues;
/** Where the winning value of each metric came from. */
export type MonthSources = Record<string, { data_source: MonthlyRow['data_source']; is_override: boolean; notes: string | null }>;

/** The preferred value per metric of one organisation-month (calculated > quickbooks > collected > manual; an override beats all). */
export function preferredValues(rows: readonly MonthlyRow[]): { values: MonthValues; sources: MonthSources } {
  const byMetric = new Map<string, MonthlyRow[]>();
  for (const r of rows) byMetric.set(r.metric_name, [...(byMetric.get(r.metric_name) ?? []), r]);
  const values: Record<string, number> = {};
  const sources: MonthSources = {};
  for (const [name, candidates] of byMetric) {
    const best = pickPreferred(candidates.map((c) => ({ ...c, dataSource: c.data_source, isOverride: c.is_override })));
    if (!best) continue;
    values[name] = best.value;
    sources[name] = { data_source: best.data_source, is_override: best.is_override, notes: best.notes };
  }
  return { values: values as MonthValues, sources };
}

/**
 * Totals from the month's parts (never from stored totals, so a stale
 * calculated total cannot feed itself). Null when no part is present.
 */
export function calculatedTotals(parts: MonthValues): Pick<MetricValues, (typeof TOTAL_KEYS)[number]> {
  const onlyParts: Record<string, number | null | undefined> = {};
  for (const k of [...REVENUE_CATEGORIES, ...EXPENSE_CATEGORIES]) onlyParts[k] = parts[k];
  const t = completeTotals(onlyParts as MetricValues);
  return { total_revenue: t.total_revenue ?? null, total_expenses: t.total_expenses ?? null, net_profit: t.net_profit ?? null };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

export type DeriveResult = { organizations: number; months: number; quarters: number; smartnumbers: number };

/**
 * Recomputes derived rows for the organisations over every quarter that
 * contains one of `months`. Pass a transaction.
 */
export async function deriveQbrMetrics(db: Db, organizationIds: readonly number[], months: readonly MonthPeriod[]): Promise<DeriveResult> {
  const orgs = [...new Set(organizationIds)];
  const quarters = uniqueBy(months.map(quarterOfMonth), (q) => q.key);
  const allMonths = quarters.flatMap((q) => monthsOfQuarter(q));
  const monthKeys = allMonths.map((m) => m.key);
  if (orgs.length === 0 || quarters.length === 0) return { organizations: 0, months: 0, quarters: 0, smartnumbers: 0 };

  await lockDerivedMetrics(db);
  await ensurePeriods(db, [
    ...allMonths.map((m) => ({ period_type: 'monthly' as const, period_value: m.key, start_date: periodDates(m).start, end_date: periodDates(m).end })),
    ...quarters.map((q) => ({ period_type: 'quarterly' as const, period_value: q.key, start_date: periodDates(q).start, end_date: periodDates(q).end })),
  ]);

  const stored = (await loadMonthlyRows(db, orgs, monthKeys)).filter((r) => r.data_source !== 'calculated');
  const key = (org: number, month: string) => `${org}|${month}`;
  const grouped = new Map<string, MonthlyRow[]>();
  for (const r of stored) grouped.set(key(r.organization_id, r.period), [...(grouped.get(key(r.organization_id, r.period)) ?? []), r]);

  // 1. Calculated totals per month, from the preferred parts.
  const calculatedRows: NewMonthlyRow[] = [];
  const finalValues = new Map<string, MonthValues>();
  for (const org of orgs) {
    for (const month of monthKeys) {
      const rows = grouped.get(key(org, month)) ?? [];
      if (rows.length === 0) continue;
      const parts = preferredValues(rows.filter((r) => !TOTAL_SET.has(r.metric_name))).values;
      const totals = calculatedTotals(parts);
      const calc: MonthlyRow[] = [];
      for (const k of TOTAL_KEYS) {
        const v = totals[k];
        if (v === null || v === undefined) continue;
        calculatedRows.push({ organization_id: org, period: month, metric_name: k, value: round(v), notes: METRIC_CATALOGUE[k].description });
        calc.push({ organization_id: org, period: month, metric_name: k, value: round(v), data_source: 'calculated', is_override: false, notes: null, updated_by: null, updated_at: new Date() });
      }
      finalValues.set(key(org, month), preferredValues([...rows, ...calc]).values);
    }
  }
  await replaceMonthlySlice(db, { organizationIds: orgs, months: monthKeys, source: 'calculated', metricNames: [...TOTAL_KEYS] }, calculatedRows);

  // 2. Quarterly roll-ups; 3. SmartNumbers for each month and quarter with data.
  const quarterRows: NewQuarterlyRow[] = [];
  const snRows: NewSmartnumberRow[] = [];
  const snFor = (org: number, period: string, periodType: 'monthly' | 'quarterly', values: MetricValues, m: number, notes: string | null) => {
    const sns = computeSmartNumbers(values, m);
    const why = notComputableNotes(values);
    for (const k of SMARTNUMBER_KEYS) {
      const note = [notes, why[k]].filter(Boolean).join('; ') || null;
      snRows.push({ organization_id: org, period, period_type: periodType, kpi_name: k, value: sns[k], calculation_method: SMARTNUMBER_CATALOGUE[k].formula.replace(/\bm\b/g, String(m)), notes: note });
    }
  };
  for (const org of orgs) {
    for (const month of monthKeys) {
      const v = finalValues.get(key(org, month));
      if (v) snFor(org, month, 'monthly', v, 1, null);
    }
    for (const q of quarters) {
      const byMonth: Record<string, MonthValues | undefined> = {};
      for (const m of monthsOfQuarter(q)) byMonth[m.key] = finalValues.get(key(org, m.key));
      const inputs = quarterInputs(q, byMonth);
      if (inputs.monthsWithData.length === 0) continue;
      const client = rollUpClientMetrics(monthsOfQuarter(q).map((m) => byMonth[m.key] ?? {}));
      const countMonths = (name: string) => monthsOfQuarter(q).filter((m) => typeof byMonth[m.key]?.[name as keyof MonthValues] === 'number').length;
      for (const k of METRIC_KEYS) {
        const v = inputs.values[k];
        if (v === null || v === undefined) continue;
        const n = countMonths(k) || inputs.monthsWithData.length;
        quarterRows.push({ organization_id: org, period: q.key, metric_name: k, value: round(v), months_with_data: n, notes: rollUpNote(METRIC_CATALOGUE[k].kind, n) });
      }
      for (const k of CLIENT_METRIC_KEYS) {
        const v = client[k];
        if (v === null || v === undefined) continue;
        const n = countMonths(k);
        quarterRows.push({ organization_id: org, period: q.key, metric_name: k, value: round(v), months_with_data: n, notes: rollUpNote(CLIENT_METRICS[k].kind, n) });
      }
      const partial = inputs.monthsWithData.length < 3 ? `Partial quarter: data for ${inputs.monthsWithData.join(', ')} only` : null;
      snFor(org, q.key, 'quarterly', inputs.values, 3, partial);
    }
  }
  await replaceQuarterly(db, orgs, quarters.map((q) => q.key), quarterRows);
  await replaceSmartnumbers(db, orgs, [...monthKeys, ...quarters.map((q) => q.key)], snRows);
  return { organizations: orgs.length, months: monthKeys.length, quarters: quarters.length, smartnumbers: snRows.length };
}

function rollUpNote(kind: 'flow' | 'level', months: number): string {
  return kind === 'flow' ? `Sum of ${months} month${months === 1 ? '' : 's'}` : `Average of ${months} month${months === 1 ? '' : 's'}`;
}

function uniqueBy<T>(items: readonly T[], keyOf: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(keyOf(i))) seen.set(keyOf(i), i);
  return [...seen.values()];
}

/** Month keys → month periods (trusted keys). */
export const monthPeriods = (keys: readonly string[]): MonthPeriod[] => keys.map((k) => toPeriod(k) as MonthPeriod);
export type { QuarterPeriod };
