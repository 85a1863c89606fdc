import type { z } from 'zod';
import { loadMonthlyRows, loadQuarterlyRows, monthsWithData, upsertManualRows } from '@/db/queries/qbr/metrics';
import { findQbrOrganization, homeOrganization } from '@/db/queries/qbr/organizations';
import { listPeriods } from '@/db/queries/qbr/periods';
import { authorize } from '@/lib/auth/policy';
import { recordAudit } from '@/lib/core/audit';
import type { RequestContext } from '@/lib/core/context';
import { AppError, notFound } from '@/lib/core/errors';
import { deriveQbrMetrics } from './derive';
import { orgDto, type MonthlyMetricDto } from './dto';
import { metricInfo } from './model/client-metrics';
import { preferredValues } from './model/derive';
import { monthKeysOf, monthOf, monthsOfQuarter, parseQuarter, type MonthPeriod } from './model/periods';
import { defaultQuarter, resolveQbrOrganization } from './organization';
import type { manualMetricsSchema, metricsQuerySchema, periodsQuerySchema, quarterlyQuerySchema } from './schemas';

// The monthly inputs and quarterly roll-ups behind the SmartNumbers, the
// periods that have data, and hand-entered values and overrides.

const iso = (d: Date) => d.toISOString();

export async function getMonthlyMetrics(ctx: RequestContext, query: z.infer<typeof metricsQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const months = query.period ? monthKeysOf(query.period) : (await monthsWithData(ctx.db, org.id, 12)).reverse();
  const rows = await loadMonthlyRows(ctx.db, [org.id], months);
  const toDto = (r: (typeof rows)[number]): MonthlyMetricDto => {
    const info = metricInfo(r.metric_name);
    return { period: r.period, metric_name: r.metric_name, label: info?.label ?? r.metric_name, unit: info?.unit ?? 'count', metric_value: r.value, data_source: r.data_source, is_override: r.is_override, notes: r.notes, updated_at: iso(r.updated_at) };
  };
  let metrics: MonthlyMetricDto[];
  if (query.data_source === 'all') metrics = rows.map(toDto);
  else {
    metrics = [];
    for (const month of months) {
      const monthRows = rows.filter((r) => r.period === month);
      const { sources } = preferredValues(monthRows);
      for (const [name, s] of Object.entries(sources)) {
        const winner = monthRows.find((r) => r.metric_name === name && r.data_source === s.data_source);
        if (winner) metrics.push(toDto(winner));
      }
    }
  }
  return { organization: orgDto(org), period: query.period?.key ?? null, months, data_source: query.data_source, metrics };
}

export async function getQuarterlyMetrics(ctx: RequestContext, query: z.infer<typeof quarterlyQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const quarter = query.period ?? (await defaultQuarter(ctx, org));
  const rows = await loadQuarterlyRows(ctx.db, org.id, [quarter.key]);
  return {
    organization: orgDto(org),
    period: quarter.key,
    monthly_periods: monthsOfQuarter(quarter).map((m) => m.key),
    metrics: rows.map((r) => {
      const info = metricInfo(r.metric_name);
      return { metric_name: r.metric_name, label: info?.label ?? r.metric_name, unit: info?.unit ?? 'count', kind: info?.kind ?? 'flow', metric_value: r.value, months_with_data: r.months_with_data, data_source: 'calculated', notes: r.notes, updated_at: iso(r.updated_at) };
    }),
  };
}

function quarterMonthKeys(key: string): string[] {
  const q = parseQuarter(key);
  return q.ok ? monthsOfQuarter(q.value).map((m) => m.key) : [];
}

export async function listPeriodsFor(ctx: RequestContext, query: z.infer<typeof periodsQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const values = query.period ? [query.period.key, ...(query.period.kind === 'quarter' ? monthsOfQuarter(query.period).map((m) => m.key) : [])] : undefined;
  const [periods, withData] = await Promise.all([listPeriods(ctx.db, { type: query.period_type, values }), monthsWithData(ctx.db, org.id)]);
  const monthSet = new Set(withData);
  return {
    organization: orgDto(org),
    periods: periods.map((p) => ({
      ...p,
      has_data: p.period_type === 'monthly' ? monthSet.has(p.period_value) : quarterMonthKeys(p.period_value).some((m) => monthSet.has(m)),
    })),
  };
}

export async function enterManualMetrics(ctx: RequestContext, input: z.infer<typeof manualMetricsSchema>) {
  // Another tenant's organisation is "not found"; otherwise a missing permission is "forbidden".
  authorize(ctx.actor, 'qbr:manage', input.organization_id === undefined ? {} : { organizationId: input.organization_id }, 'Organisation');
  const org = input.organization_id === undefined ? await homeOrganization(ctx.db) : await findQbrOrganization(ctx.db, input.organization_id);
  if (!org) throw notFound('Organisation');
  const period: MonthPeriod = input.period;
  if (period.key > monthOf(new Date()).key) throw new AppError('validation_failed', 'Request is not valid', [{ path: 'period', code: 'future_period', message: 'Metrics cannot be entered for a future month' }]);
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    const names: string[] = input.metrics.map((m) => m.metric_name);
    const before = (await loadMonthlyRows(trx, [org.id], [period.key])).filter((r) => names.includes(r.metric_name));
    await upsertManualRows(
      trx,
      input.metrics.map((m) => ({ organization_id: org.id, period: period.key, metric_name: m.metric_name, value: m.metric_value, is_override: m.override, notes: m.notes ?? null, updated_by: by })),
    );
    await deriveQbrMetrics(trx, [org.id], [period]);
    const afterRows = await loadMonthlyRows(trx, [org.id], [period.key]);
    const { values, sources } = preferredValues(afterRows);
    const after = input.metrics.map((m) => ({ metric_name: m.metric_name, entered: m.metric_value, override: m.override, effective_value: values[m.metric_name as keyof typeof values] ?? null, effective_source: sources[m.metric_name]?.data_source ?? null }));
    await recordAudit(trx, ctx, {
      action: input.metrics.some((m) => m.override) ? 'qbr.metrics.override' : 'qbr.metrics.manual',
      entityType: 'metrics_monthly',
      entityId: `${org.id}:${period.key}`,
      organizationId: org.id,
      before: before.map((r) => ({ metric_name: r.metric_name, data_source: r.data_source, value: r.value, is_override: r.is_override })),
      after,
    });
    return { organization: orgDto(org), period: period.key, metrics: after };
  });
}
