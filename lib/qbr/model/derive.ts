// Everything computed from the stored monthly inputs, as rows to store:
// calculated totals per month, quarterly roll-ups and the 18 SmartNumbers
// for months and quarters. Pure: lib/qbr/derive.ts loads and stores.

import type { QbrDataSource } from '@/db/types-domain/qbr';
import type { MonthlyRow, NewMonthlyRow, NewQuarterlyRow } from '@/db/queries/qbr/metrics';
import type { NewSmartnumberRow } from '@/db/queries/qbr/smartnumbers';
import { CLIENT_METRIC_KEYS, CLIENT_METRICS, rollUpClientMetrics, type ClientMetricValues } from './client-metrics';
import { monthsOfQuarter, quarterOfMonth, type MonthPeriod, type QuarterPeriod } from './periods';
import { completeTotals, computeSmartNumbers, EXPENSE_CATEGORIES, METRIC_CATALOGUE, METRIC_KEYS, notComputableNotes, pickPreferred, quarterInputs, REVENUE_CATEGORIES, SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS, type MetricValues } from './smartnumbers';

export const TOTAL_KEYS = ['total_revenue', 'total_expenses', 'net_profit'] as const;
const TOTAL_SET = new Set<string>(TOTAL_KEYS);

export type MonthValues = MetricValues & ClientMetricValues;
/** One stored value with its source: what the preference rule looks at. */
export type SourcedRow = Pick<MonthlyRow, 'metric_name' | 'value' | 'data_source' | 'is_override' | 'notes'>;
/** Where the winning value of each metric came from. */
type MonthSources = Record<string, { data_source: QbrDataSource; is_override: boolean; notes: string | null }>;

/** The preferred value per metric of one organisation-month (calculated > quickbooks > collected > manual; an override beats all). */
export function preferredValues(rows: readonly SourcedRow[]): { values: MonthValues; sources: MonthSources } {
  const byMetric = new Map<string, SourcedRow[]>();
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
function calculatedTotals(parts: MonthValues): Pick<MetricValues, (typeof TOTAL_KEYS)[number]> {
  const onlyParts: Record<string, number | null | undefined> = {};
  for (const k of [...REVENUE_CATEGORIES, ...EXPENSE_CATEGORIES]) onlyParts[k] = parts[k];
  const t = completeTotals(onlyParts as MetricValues);
  return { total_revenue: t.total_revenue ?? null, total_expenses: t.total_expenses ?? null, net_profit: t.net_profit ?? null };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The quarters containing the months, each once, in the order first met. */
export function quartersOf(months: readonly MonthPeriod[]): QuarterPeriod[] {
  const seen = new Map<string, QuarterPeriod>();
  for (const q of months.map(quarterOfMonth)) if (!seen.has(q.key)) seen.set(q.key, q);
  return [...seen.values()];
}

function rollUpNote(kind: 'flow' | 'level', months: number): string {
  return kind === 'flow' ? `Sum of ${months} month${months === 1 ? '' : 's'}` : `Average of ${months} month${months === 1 ? '' : 's'}`;
}

export type DerivedRows = { calculated: NewMonthlyRow[]; quarterly: NewQuarterlyRow[]; smartnumbers: NewSmartnumberRow[] };

/**
 * The derived rows of the organisations over the quarters, from their
 * stored (not calculated) monthly rows: calculated totals for every
 * organisation-month with data, the quarterly roll-ups, and SmartNumbers for
 * each such month and each quarter with data.
 */
export function deriveRows(stored: readonly (SourcedRow & Pick<MonthlyRow, 'organization_id' | 'period'>)[], organizationIds: readonly number[], quarters: readonly QuarterPeriod[]): DerivedRows {
  const monthKeys = quarters.flatMap((q) => monthsOfQuarter(q)).map((m) => m.key);
  const key = (org: number, month: string) => `${org}|${month}`;
  const grouped = new Map<string, SourcedRow[]>();
  for (const r of stored) grouped.set(key(r.organization_id, r.period), [...(grouped.get(key(r.organization_id, r.period)) ?? []), r]);

  // 1. Calculated totals per month, from the preferred parts.
  const calculated: NewMonthlyRow[] = [];
  const finalValues = new Map<string, MonthValues>();
  for (const org of organizationIds) {
    for (const month of monthKeys) {
      const rows = grouped.get(key(org, month)) ?? [];
      if (rows.length === 0) continue;
      const totals = calculatedTotals(preferredValues(rows.filter((r) => !TOTAL_SET.has(r.metric_name))).values);
      const calc: SourcedRow[] = [];
      for (const k of TOTAL_KEYS) {
        const v = totals[k];
        if (v === null || v === undefined) continue;
        calculated.push({ organization_id: org, period: month, metric_name: k, value: round(v), notes: METRIC_CATALOGUE[k].description });
        calc.push({ metric_name: k, value: round(v), data_source: 'calculated', is_override: false, notes: null });
      }
      finalValues.set(key(org, month), preferredValues([...rows, ...calc]).values);
    }
  }

  // 2. Quarterly roll-ups; 3. SmartNumbers for each month and quarter with data.
  const quarterly: NewQuarterlyRow[] = [];
  const smartnumbers: NewSmartnumberRow[] = [];
  const snFor = (org: number, period: string, periodType: 'monthly' | 'quarterly', values: MetricValues, m: number, notes: string | null) => {
    const sns = computeSmartNumbers(values, m);
    const why = notComputableNotes(values);
    for (const k of SMARTNUMBER_KEYS) {
      const note = [notes, why[k]].filter(Boolean).join('; ') || null;
      smartnumbers.push({ organization_id: org, period, period_type: periodType, kpi_name: k, value: sns[k], calculation_method: SMARTNUMBER_CATALOGUE[k].formula.replace(/\bm\b/g, String(m)), notes: note });
    }
  };
  for (const org of organizationIds) {
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
        quarterly.push({ organization_id: org, period: q.key, metric_name: k, value: round(v), months_with_data: n, notes: rollUpNote(METRIC_CATALOGUE[k].kind, n) });
      }
      for (const k of CLIENT_METRIC_KEYS) {
        const v = client[k];
        if (v === null || v === undefined) continue;
        const n = countMonths(k);
        quarterly.push({ organization_id: org, period: q.key, metric_name: k, value: round(v), months_with_data: n, notes: rollUpNote(CLIENT_METRICS[k].kind, n) });
      }
      const partial = inputs.monthsWithData.length < 3 ? `Partial quarter: data for ${inputs.monthsWithData.join(', ')} only` : null;
      snFor(org, q.key, 'quarterly', inputs.values, 3, partial);
    }
  }
  return { calculated, quarterly, smartnumbers };
}
