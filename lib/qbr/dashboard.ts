import { loadMonthlyRows, type MonthlyRow } from '@/db/queries/qbr/metrics';
import { listQbrOrganizations, type QbrOrganizationRow as QbrOrganization } from '@/db/queries/qbr/organizations';
import { loadSmartnumberRows } from '@/db/queries/qbr/smartnumbers';
import { loadThresholds } from '@/db/queries/qbr/thresholds';
import { scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { CLIENT_KPIS, CLIENT_METRIC_KEYS, computeClientKpis, metricInfo, rollUpClientMetrics, type ClientKpiKey } from './model/client-metrics';
import { preferredValues, type MonthValues } from './model/derive';
import { qbrFreshness, type QbrFreshness } from './freshness';
import { lastNQuarters, monthsOfQuarter, parseQuarter, previousMonth, previousQuarter, quarterOf, sameQuarterLastYear, monthPeriod, type Period } from './model/periods';
import { clientPosture, type ClientPosture } from './posture';
import { defaultQuarter, effectiveThresholdDtos, resolveQbrOrganization, type ThresholdDto } from './service';
import { colourOf, type ThresholdColour } from './model/thresholds';
import { METRIC_KEYS, rollUpMonths, SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS, type SmartNumberKey } from './model/smartnumbers';

// What the QBR pages render, as JSON-safe DTOs: the scorecard (SmartNumber
// cards with comparisons, eight-quarter trends, the monthly inputs and their
// sources) and the client meeting report.

export type Comparison = { period: string; value: number | null };
export type ScoreCard = {
  key: SmartNumberKey;
  number: number;
  label: string;
  group: string;
  unit: string;
  formula: string;
  value: number | null;
  colour: ThresholdColour | null;
  threshold: ThresholdDto | null;
  previous: Comparison;
  last_year: Comparison;
  notes: string | null;
};
export type TrendPoint = { period: string } & { [K in SmartNumberKey]?: number | null };
export type InputRow = {
  metric_name: string;
  label: string;
  unit: string;
  values: { period: string; value: number | null; data_source: string | null; is_override: boolean; notes: string | null; alternatives: { data_source: string; value: number }[] }[];
};

export type QbrDashboard = {
  organization: QbrOrganization;
  organizations: QbrOrganization[];
  period: string;
  period_kind: 'month' | 'quarter';
  months: string[];
  cards: ScoreCard[];
  trend: TrendPoint[];
  inputs: InputRow[];
  freshness: QbrFreshness;
  has_data: boolean;
};

function comparePeriods(p: Period): { previous: string; lastYear: string } {
  if (p.kind === 'quarter') return { previous: previousQuarter(p).key, lastYear: sameQuarterLastYear(p).key };
  return { previous: previousMonth(p).key, lastYear: monthPeriod(p.year - 1, p.month).key };
}

const monthsOf = (p: Period) => (p.kind === 'month' ? [p.key] : monthsOfQuarter(p).map((m) => m.key));

function inputRows(rows: readonly MonthlyRow[], months: readonly string[]): InputRow[] {
  const names = [...METRIC_KEYS, ...CLIENT_METRIC_KEYS].filter((k) => rows.some((r) => r.metric_name === k));
  return names.map((name) => {
    const info = metricInfo(name)!;
    return {
      metric_name: name,
      label: info.label,
      unit: info.unit,
      values: months.map((month) => {
        const candidates = rows.filter((r) => r.period === month && r.metric_name === name);
        const { values, sources } = preferredValues(candidates);
        const source = sources[name];
        return {
          period: month,
          value: (values as Record<string, number | undefined>)[name] ?? null,
          data_source: source?.data_source ?? null,
          is_override: source?.is_override ?? false,
          notes: source?.notes ?? null,
          alternatives: candidates.filter((c) => c.data_source !== source?.data_source).map((c) => ({ data_source: c.data_source, value: c.value })),
        };
      }),
    };
  });
}

export async function getQbrDashboard(ctx: RequestContext, input: { period?: Period; organization_id?: number }): Promise<QbrDashboard> {
  const org = await resolveQbrOrganization(ctx, input.organization_id);
  const period = input.period ?? (await defaultQuarter(ctx, org));
  const { previous, lastYear } = comparePeriods(period);
  const trendQuarters = lastNQuarters(period.kind === 'quarter' ? period : quarterOf(new Date(`${period.key}-01T00:00:00Z`)), 8).map((q) => q.key);
  const months = monthsOf(period);
  const [snRows, thresholdRows, monthRows, organizations, freshness] = await Promise.all([
    loadSmartnumberRows(ctx.db, org.id, [...new Set([period.key, previous, lastYear, ...trendQuarters])]),
    loadThresholds(ctx.db, org.id),
    loadMonthlyRows(ctx.db, [org.id], months),
    listQbrOrganizations(ctx.db, scopeOf(ctx.actor)),
    qbrFreshness(ctx.db),
  ]);
  const thresholds = effectiveThresholdDtos(thresholdRows);
  const valueOf = (p: string, key: string) => snRows.find((r) => r.period === p && r.kpi_name === key)?.value ?? null;
  const cards = SMARTNUMBER_KEYS.map((key): ScoreCard => {
    const d = SMARTNUMBER_CATALOGUE[key];
    const row = snRows.find((r) => r.period === period.key && r.kpi_name === key);
    const value = row?.value ?? null;
    const threshold = thresholds.get(key) ?? null;
    return {
      key,
      number: d.number,
      label: d.label,
      group: d.group,
      unit: d.unit,
      formula: row?.calculation_method ?? d.formula,
      value,
      colour: colourOf(value, threshold),
      threshold,
      previous: { period: previous, value: valueOf(previous, key) },
      last_year: { period: lastYear, value: valueOf(lastYear, key) },
      notes: row?.notes ?? null,
    };
  });
  const trend = trendQuarters.map((q) => Object.fromEntries([['period', q], ...SMARTNUMBER_KEYS.map((k) => [k, valueOf(q, k)])]) as TrendPoint);
  return {
    organization: org,
    organizations,
    period: period.key,
    period_kind: period.kind,
    months,
    cards,
    trend,
    inputs: inputRows(monthRows, months),
    freshness,
    has_data: snRows.some((r) => r.period === period.key) || monthRows.length > 0,
  };
}

// ---------------------------------------------------------------------------
// Client meeting report
// ---------------------------------------------------------------------------

export type ClientKpiRow = { key: ClientKpiKey; label: string; unit: string; formula: string; value: number | null; previous: number | null; last_year: number | null; colour: ThresholdColour | null; threshold: ThresholdDto | null };
export type ClientMonthRow = { period: string; endpoints: number | null; seats: number | null; tickets: number | null; hours: number | null; sla_attainment_pct: number | null; avg_response_hours: number | null; revenue: number | null };

export type ClientReport = {
  organization: QbrOrganization;
  organizations: QbrOrganization[];
  period: string;
  period_kind: 'month' | 'quarter';
  previous_period: string;
  last_year_period: string;
  kpis: ClientKpiRow[];
  months: ClientMonthRow[];
  posture: ClientPosture;
  freshness: QbrFreshness;
  generated_at: string;
  has_data: boolean;
};

function kpisFor(rows: readonly MonthlyRow[], months: readonly string[]) {
  const perMonth = months.map((m) => preferredValues(rows.filter((r) => r.period === m)).values);
  const rolled = { ...rollUpMonths(perMonth), ...rollUpClientMetrics(perMonth) } as MonthValues;
  const withBacklog = [...perMonth].reverse().find((v) => typeof v.aged_backlog === 'number');
  return { kpis: computeClientKpis(rolled, months.length, withBacklog?.aged_backlog ?? null), perMonth };
}

export async function getClientReport(ctx: RequestContext, input: { period?: Period; organization_id?: number }): Promise<ClientReport> {
  const org = await resolveQbrOrganization(ctx, input.organization_id);
  const period = input.period ?? (await defaultQuarter(ctx, org));
  const { previous, lastYear } = comparePeriods(period);
  const asPeriod = (key: string): string[] => {
    const q = parseQuarter(key);
    return q.ok ? monthsOfQuarter(q.value).map((m) => m.key) : [key];
  };
  const months = monthsOf(period);
  const allMonths = [...months, ...asPeriod(previous), ...asPeriod(lastYear)];
  const [rows, thresholdRows, organizations, posture, freshness] = await Promise.all([
    loadMonthlyRows(ctx.db, [org.id], allMonths),
    loadThresholds(ctx.db, org.id),
    listQbrOrganizations(ctx.db, scopeOf(ctx.actor)),
    clientPosture(ctx.db, org.id),
    qbrFreshness(ctx.db),
  ]);
  const thresholds = effectiveThresholdDtos(thresholdRows);
  const current = kpisFor(rows, months);
  const prev = kpisFor(rows, asPeriod(previous)).kpis;
  const year = kpisFor(rows, asPeriod(lastYear)).kpis;
  const kpis = (Object.keys(CLIENT_KPIS) as ClientKpiKey[]).map((key) => {
    const threshold = thresholds.get(key) ?? null;
    const value = current.kpis[key];
    return { key, label: CLIENT_KPIS[key].label, unit: CLIENT_KPIS[key].unit, formula: CLIENT_KPIS[key].formula, value, previous: prev[key], last_year: year[key], colour: colourOf(value, threshold), threshold };
  });
  const monthRows = months.map((m, i): ClientMonthRow => {
    const k = computeClientKpis(current.perMonth[i]!, 1, current.perMonth[i]!.aged_backlog ?? null);
    return { period: m, endpoints: k.endpoints, seats: k.seats, tickets: k.reactive_tickets, hours: k.reactive_hours, sla_attainment_pct: k.sla_attainment_pct, avg_response_hours: k.avg_response_hours, revenue: k.revenue };
  });
  return {
    organization: org,
    organizations,
    period: period.key,
    period_kind: period.kind,
    previous_period: previous,
    last_year_period: lastYear,
    kpis,
    months: monthRows,
    posture,
    freshness,
    generated_at: new Date().toISOString(),
    has_data: rows.some((r) => months.includes(r.period)),
  };
}
