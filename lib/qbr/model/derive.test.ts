import { describe, expect, it } from 'vitest';
import { deriveRows, preferredValues, quartersOf, type SourcedRow } from './derive';
import { monthPeriod, parseQuarter, type QuarterPeriod } from './periods';

const q = (key: string): QuarterPeriod => {
  const r = parseQuarter(key);
  if (!r.ok) throw new Error(key);
  return r.value;
};
const row = (organization_id: number, period: string, metric_name: string, value: number, data_source: SourcedRow['data_source'] = 'quickbooks', is_override = false) => ({ organization_id, period, metric_name, value, data_source, is_override, notes: null });

describe('the preferred value of a metric', () => {
  it('ranks calculated, quickbooks, collected, manual, and lets an override beat them all', () => {
    const rows = [row(1, '2025-01', 'mrr', 1, 'manual'), row(1, '2025-01', 'mrr', 2, 'collected'), row(1, '2025-01', 'mrr', 3, 'quickbooks'), row(1, '2025-01', 'agreements', 4, 'manual'), row(1, '2025-01', 'agreements', 5, 'collected')];
    const { values, sources } = preferredValues(rows);
    expect(values).toEqual({ mrr: 3, agreements: 5 });
    expect(sources.mrr).toEqual({ data_source: 'quickbooks', is_override: false, notes: null });
    const overridden = preferredValues([...rows, row(1, '2025-01', 'mrr', 9, 'manual', true)]);
    expect(overridden.values.mrr).toBe(9);
    expect(overridden.sources.mrr?.is_override).toBe(true);
  });
});

describe('the quarters a run touches', () => {
  it('lists each quarter once, in the order its months come', () => {
    expect(quartersOf([monthPeriod(2025, 3), monthPeriod(2025, 1), monthPeriod(2025, 4), monthPeriod(2024, 12)]).map((x) => x.key)).toEqual(['2025-Q1', '2025-Q2', '2024-Q4']);
  });
});

describe('derived rows', () => {
  const stored = [
    row(1, '2025-01', 'mrr', 1000),
    row(1, '2025-01', 'nrr', 500),
    row(1, '2025-01', 'employee_expense', 600),
    // A stored total is never used for the calculated one.
    row(1, '2025-01', 'total_revenue', 99_999),
    row(1, '2025-02', 'mrr', 2000),
    row(1, '2025-02', 'endpoints_managed', 40, 'collected'),
    row(1, '2025-03', 'endpoints_managed', 60, 'collected'),
    row(2, '2025-02', 'reactive_tickets_created', 5, 'collected'),
    row(2, '2025-02', 'tickets_with_sla', 4, 'collected'),
    // Service-quality inputs alone make no quarter: the SmartNumbers need catalogue metrics.
    row(3, '2025-03', 'tickets_with_sla', 2, 'collected'),
  ];
  const out = deriveRows(stored, [1, 2, 3], [q('2025-Q1')]);

  it('calculates totals per organisation-month from the parts', () => {
    const jan = out.calculated.filter((r) => r.organization_id === 1 && r.period === '2025-01');
    expect(Object.fromEntries(jan.map((r) => [r.metric_name, r.value]))).toEqual({ total_revenue: 1500, total_expenses: 600, net_profit: 900 });
    // March has no money: no totals; neither has organisation 2.
    expect(out.calculated.filter((r) => r.period === '2025-03')).toEqual([]);
    expect(out.calculated.filter((r) => r.organization_id === 2)).toEqual([]);
  });

  it('sums flows and averages levels over the quarter, saying over how many months', () => {
    const quarter = Object.fromEntries(out.quarterly.filter((r) => r.organization_id === 1).map((r) => [r.metric_name, r]));
    expect(quarter.mrr).toMatchObject({ value: 3000, months_with_data: 2, notes: 'Sum of 2 months' });
    expect(quarter.endpoints_managed).toMatchObject({ value: 50, months_with_data: 2, notes: 'Average of 2 months' });
    expect(quarter.total_revenue).toMatchObject({ value: 3500 });
    const client = out.quarterly.filter((r) => r.organization_id === 2);
    expect(client).toEqual([
      { organization_id: 2, period: '2025-Q1', metric_name: 'reactive_tickets_created', value: 5, months_with_data: 1, notes: 'Sum of 1 month' },
      { organization_id: 2, period: '2025-Q1', metric_name: 'tickets_with_sla', value: 4, months_with_data: 1, notes: 'Sum of 1 month' },
    ]);
    expect(out.quarterly.filter((r) => r.organization_id === 3)).toEqual([]);
  });

  it('stores all 18 SmartNumbers for each month and quarter with data, the formula naming its month count', () => {
    const periods = (org: number) => [...new Set(out.smartnumbers.filter((r) => r.organization_id === org).map((r) => r.period))];
    expect(periods(1)).toEqual(['2025-01', '2025-02', '2025-03', '2025-Q1']);
    expect(out.smartnumbers.filter((r) => r.organization_id === 1 && r.period === '2025-Q1')).toHaveLength(18);
    const aisp = (period: string) => out.smartnumbers.find((r) => r.organization_id === 1 && r.period === period && r.kpi_name === 'avg_aisp')!;
    expect(aisp('2025-Q1').calculation_method).toBe('mrr ÷ avg seats ÷ 3');
    expect(aisp('2025-01').calculation_method).toBe('mrr ÷ avg seats ÷ 1');
    const profit = out.smartnumbers.find((r) => r.organization_id === 1 && r.period === '2025-01' && r.kpi_name === 'net_profit_pct')!;
    expect(profit.value).toBeCloseTo(900 / 1500, 12);
    expect(profit.period_type).toBe('monthly');
    // A month with any value gets its SmartNumbers (all n/a here); a quarter needs catalogue metrics.
    expect([...new Set(out.smartnumbers.filter((r) => r.organization_id === 3).map((r) => r.period))]).toEqual(['2025-03']);
  });

  it('marks a quarter with fewer than three months of data as partial', () => {
    const note = (org: number) => out.smartnumbers.find((r) => r.organization_id === org && r.period === '2025-Q1' && r.kpi_name === 'rhem')!.notes;
    expect(note(1)).toBeNull();
    expect(note(2)).toBe('Partial quarter: data for 2025-02 only');
  });
});
