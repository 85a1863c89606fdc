import type { z } from 'zod';
import { loadMonthlyRows, type MonthlyRow } from '@/db/queries/qbr/metrics';
import { loadSmartnumberRows, type SmartnumberRow } from '@/db/queries/qbr/smartnumbers';
import { loadThresholds } from '@/db/queries/qbr/thresholds';
import type { QbrOrganizationRow } from '@/db/queries/qbr/organizations';
import type { RequestContext } from '@/lib/core/context';
import { orgDto, type InputRow, type QbrDashboard, type ScoreCard, type SmartNumberDto, type ThresholdDto, type TrendPoint } from './dto';
import { qbrFreshness } from './freshness';
import { CLIENT_METRIC_KEYS, metricInfo } from './model/client-metrics';
import { preferredValues } from './model/derive';
import { comparisonPeriods, lastNQuarters, monthKeysOf, quarterOf, type Period } from './model/periods';
import { isSmartNumberKey, METRIC_KEYS, SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS } from './model/smartnumbers';
import { colourOf } from './model/thresholds';
import { cachedQbrRead } from './cached';
import { defaultQuarter, listQbrOrganizationsFor, resolveQbrOrganization } from './organization';
import type { smartnumbersQuerySchema } from './schemas';
import { effectiveThresholdDtos } from './thresholds';

// The company or client scorecard: the 18 SmartNumbers of a period with
// their threshold colours, for the API and (with comparisons, eight-quarter
// trends and the monthly inputs behind them) for the QBR page.

/** The 18 SmartNumbers of one period, n/a where nothing is stored. */
function smartNumberDtos(rows: readonly SmartnumberRow[], thresholds: ReadonlyMap<string, ThresholdDto>, period: string): SmartNumberDto[] {
  return SMARTNUMBER_KEYS.map((key) => {
    const row = rows.find((r) => r.period === period && r.kpi_name === key);
    const d = SMARTNUMBER_CATALOGUE[key];
    const threshold = thresholds.get(key) ?? null;
    const value = row?.value ?? null;
    return { key, number: d.number, label: d.label, group: d.group, unit: d.unit, formula: row?.calculation_method ?? d.formula, value, colour: colourOf(value, threshold), threshold, notes: row?.notes ?? null };
  });
}

export async function getSmartNumbers(ctx: RequestContext, query: z.infer<typeof smartnumbersQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const period: Period = query.period ?? (await defaultQuarter(ctx, org));
  const [rows, thresholds] = await Promise.all([loadSmartnumberRows(ctx.db, org.id, [period.key]), loadThresholds(ctx.db, org.id)]);
  const computedAt = rows.filter((r) => isSmartNumberKey(r.kpi_name)).reduce<Date | null>((latest, r) => (!latest || r.updated_at > latest ? r.updated_at : latest), null);
  return {
    organization: orgDto(org),
    period: period.key,
    period_type: period.kind === 'month' ? 'monthly' : 'quarterly',
    monthly_periods: monthKeysOf(period),
    computed_at: computedAt ? computedAt.toISOString() : null,
    smartnumbers: smartNumberDtos(rows, effectiveThresholdDtos(thresholds), period.key),
  };
}

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
  // Authorises the caller for this organisation: a cached answer skips only the computing.
  const org = await resolveQbrOrganization(ctx, input.organization_id);
  const key = [org.id, input.period?.key ?? null, quarterOf(new Date()).key];
  return cachedQbrRead(ctx, 'dashboard', key, () => dashboardOf(ctx, org, input.period));
}

async function dashboardOf(ctx: RequestContext, org: QbrOrganizationRow, requested: Period | undefined): Promise<QbrDashboard> {
  const period = requested ?? (await defaultQuarter(ctx, org));
  const { previous, lastYear } = comparisonPeriods(period);
  const trendQuarters = lastNQuarters(period.kind === 'quarter' ? period : quarterOf(new Date(`${period.key}-01T00:00:00Z`)), 8).map((q) => q.key);
  const months = monthKeysOf(period);
  const [snRows, thresholdRows, monthRows, organizations, freshness] = await Promise.all([
    loadSmartnumberRows(ctx.db, org.id, [...new Set([period.key, previous, lastYear, ...trendQuarters])]),
    loadThresholds(ctx.db, org.id),
    loadMonthlyRows(ctx.db, [org.id], months),
    listQbrOrganizationsFor(ctx),
    qbrFreshness(ctx.db),
  ]);
  const valueOf = (p: string, key: string) => snRows.find((r) => r.period === p && r.kpi_name === key)?.value ?? null;
  const cards = smartNumberDtos(snRows, effectiveThresholdDtos(thresholdRows), period.key).map(
    (card): ScoreCard => ({ ...card, previous: { period: previous, value: valueOf(previous, card.key) }, last_year: { period: lastYear, value: valueOf(lastYear, card.key) } }),
  );
  const trend = trendQuarters.map((q) => Object.fromEntries([['period', q], ...SMARTNUMBER_KEYS.map((k) => [k, valueOf(q, k)])]) as TrendPoint);
  return {
    organization: orgDto(org),
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
