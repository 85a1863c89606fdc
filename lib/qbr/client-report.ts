import { loadMonthlyRows, type MonthlyRow } from '@/db/queries/qbr/metrics';
import { loadThresholds } from '@/db/queries/qbr/thresholds';
import type { RequestContext } from '@/lib/core/context';
import { orgDto, type ClientKpiRow, type ClientMonthRow, type ClientReport } from './dto';
import { qbrFreshness } from './freshness';
import { CLIENT_KPIS, computeClientKpis, rollUpClientMetrics, type ClientKpiKey } from './model/client-metrics';
import { preferredValues, type MonthValues } from './model/derive';
import { comparisonPeriods, monthKeysOf, toPeriod, type Period } from './model/periods';
import { rollUpMonths } from './model/smartnumbers';
import { colourOf } from './model/thresholds';
import { defaultQuarter, listQbrOrganizationsFor, resolveQbrOrganization } from './organization';
import { clientPosture } from './posture';
import { effectiveThresholdDtos } from './thresholds';

// The client meeting report: service and value measures against the
// previous period and the same period last year, the months behind them,
// and the client's security and lifecycle posture. The page and the PDF
// show the same report.

function kpisFor(rows: readonly MonthlyRow[], months: readonly string[]) {
  const perMonth = months.map((m) => preferredValues(rows.filter((r) => r.period === m)).values);
  const rolled = { ...rollUpMonths(perMonth), ...rollUpClientMetrics(perMonth) } as MonthValues;
  const withBacklog = [...perMonth].reverse().find((v) => typeof v.aged_backlog === 'number');
  return { kpis: computeClientKpis(rolled, months.length, withBacklog?.aged_backlog ?? null), perMonth };
}

export async function getClientReport(ctx: RequestContext, input: { period?: Period; organization_id?: number }): Promise<ClientReport> {
  const org = await resolveQbrOrganization(ctx, input.organization_id);
  const period = input.period ?? (await defaultQuarter(ctx, org));
  const { previous, lastYear } = comparisonPeriods(period);
  const months = monthKeysOf(period);
  const [previousMonths, lastYearMonths] = [monthKeysOf(toPeriod(previous)), monthKeysOf(toPeriod(lastYear))];
  const [rows, thresholdRows, organizations, posture, freshness] = await Promise.all([
    loadMonthlyRows(ctx.db, [org.id], [...months, ...previousMonths, ...lastYearMonths]),
    loadThresholds(ctx.db, org.id),
    listQbrOrganizationsFor(ctx),
    clientPosture(ctx.db, org.id),
    qbrFreshness(ctx.db),
  ]);
  const thresholds = effectiveThresholdDtos(thresholdRows);
  const current = kpisFor(rows, months);
  const prev = kpisFor(rows, previousMonths).kpis;
  const year = kpisFor(rows, lastYearMonths).kpis;
  const kpis = (Object.keys(CLIENT_KPIS) as ClientKpiKey[]).map((key): ClientKpiRow => {
    const threshold = thresholds.get(key) ?? null;
    const value = current.kpis[key];
    return { key, label: CLIENT_KPIS[key].label, unit: CLIENT_KPIS[key].unit, formula: CLIENT_KPIS[key].formula, value, previous: prev[key], last_year: year[key], colour: colourOf(value, threshold), threshold };
  });
  const monthRows = months.map((m, i): ClientMonthRow => {
    const k = computeClientKpis(current.perMonth[i]!, 1, current.perMonth[i]!.aged_backlog ?? null);
    return { period: m, endpoints: k.endpoints, seats: k.seats, tickets: k.reactive_tickets, hours: k.reactive_hours, sla_attainment_pct: k.sla_attainment_pct, avg_response_hours: k.avg_response_hours, revenue: k.revenue };
  });
  return {
    organization: orgDto(org),
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
