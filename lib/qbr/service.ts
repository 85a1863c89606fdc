import type { z } from 'zod';
import { loadMonthlyRows, loadQuarterlyRows, monthsWithData, upsertManualRows } from '@/db/queries/qbr/metrics';
import { findQbrOrganization, homeOrganization, type QbrOrganizationRow as QbrOrganization } from '@/db/queries/qbr/organizations';
import { listPeriods } from '@/db/queries/qbr/periods';
import { loadSmartnumberRows } from '@/db/queries/qbr/smartnumbers';
import { findThreshold, loadThresholds, saveThreshold, type ThresholdRow } from '@/db/queries/qbr/thresholds';
import { recordAudit } from '@/lib/core/audit';
import { authorize, can } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, notFound } from '@/lib/core/errors';
import { metricInfo } from './model/client-metrics';
import type { manualMetricsSchema, metricsQuerySchema, periodsQuerySchema, quarterlyQuerySchema, smartnumbersQuerySchema, thresholdBodySchema, thresholdsQuerySchema } from './schemas';
import { deriveQbrMetrics } from './derive';
import { preferredValues } from './model/derive';
import { addQuarters, monthOf, monthsOfQuarter, parseQuarter, quarterOf, type MonthPeriod, type Period, type QuarterPeriod } from './model/periods';
import { SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS, type SmartNumberKey } from './model/smartnumbers';
import { colourOf, effectiveThresholds, type ThresholdColour } from './model/thresholds';

// QBR reads and writes for the API and the pages. Every function resolves
// the organisation first: superusers default to the home organisation (the
// company scorecard), everyone else to their own client view; another
// tenant's organisation is "not found".

// ---------------------------------------------------------------------------
// Organisation and period
// ---------------------------------------------------------------------------

export async function resolveQbrOrganization(ctx: RequestContext, organizationId?: number): Promise<QbrOrganization> {
  authorize(ctx.actor, 'qbr:read');
  let org: QbrOrganization | undefined;
  if (organizationId === undefined) {
    org = can(ctx.actor, 'qbr:company') ? await homeOrganization(ctx.db) : await findQbrOrganization(ctx.db, ctx.actor.organizationId);
  } else {
    authorize(ctx.actor, 'qbr:read', { organizationId }, 'Organisation');
    org = await findQbrOrganization(ctx.db, organizationId);
  }
  if (!org) throw notFound('Organisation');
  // The MSP's own numbers are the company scorecard: superusers only.
  if (org.is_home) authorize(ctx.actor, 'qbr:company');
  return org;
}

/** The quarter to show when none is asked for: the last finished one with data, else the latest with data. */
export async function defaultQuarter(ctx: RequestContext, org: QbrOrganization, now: Date = new Date()): Promise<QuarterPeriod> {
  const months = await monthsWithData(ctx.db, org.id);
  const finished = addQuarters(quarterOf(now), -1);
  if (months.length === 0) return finished;
  const withData = new Set(months.map((m) => quarterOf(new Date(`${m}-01T00:00:00Z`)).key));
  return withData.has(finished.key) ? finished : quarterOf(new Date(`${months[0]}-01T00:00:00Z`));
}

const iso = (d: Date) => d.toISOString();
const orgDto = (o: QbrOrganization) => ({ id: o.id, name: o.name, is_home: o.is_home });

// ---------------------------------------------------------------------------
// Monthly and quarterly metrics
// ---------------------------------------------------------------------------

export type MonthlyMetricDto = {
  period: string;
  metric_name: string;
  label: string;
  unit: string;
  metric_value: number;
  data_source: string;
  is_override: boolean;
  notes: string | null;
  updated_at: string;
};

export async function getMonthlyMetrics(ctx: RequestContext, query: z.infer<typeof metricsQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const months = query.period ? (query.period.kind === 'month' ? [query.period.key] : monthsOfQuarter(query.period).map((m) => m.key)) : (await monthsWithData(ctx.db, org.id, 12)).reverse();
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

// ---------------------------------------------------------------------------
// SmartNumbers with thresholds
// ---------------------------------------------------------------------------

export type ThresholdDto = { metric_name: string; organization_id: number | null; scope: 'organization' | 'global'; direction: 'higher_is_better' | 'lower_is_better'; green: number; yellow: number; red: number; notes: string | null };

const thresholdDto = (t: ThresholdRow): ThresholdDto => ({
  metric_name: t.metric_name,
  organization_id: t.organization_id,
  scope: t.organization_id === null ? 'global' : 'organization',
  direction: t.direction,
  green: t.green,
  yellow: t.yellow,
  red: t.red,
  notes: t.notes,
});

/** One threshold per metric: the organisation's own, else the global default. */
export const effectiveThresholdDtos = (rows: readonly ThresholdRow[]): Map<string, ThresholdDto> => new Map([...effectiveThresholds(rows)].map(([k, r]) => [k, thresholdDto(r)]));

export type SmartNumberDto = {
  key: SmartNumberKey;
  number: number;
  label: string;
  group: string;
  unit: string;
  formula: string;
  value: number | null;
  colour: ThresholdColour | null;
  threshold: ThresholdDto | null;
  notes: string | null;
};

async function smartNumbersFor(ctx: RequestContext, org: QbrOrganization, periods: readonly string[]) {
  const [rows, thresholds] = await Promise.all([loadSmartnumberRows(ctx.db, org.id, periods), loadThresholds(ctx.db, org.id)]);
  const effective = effectiveThresholdDtos(thresholds);
  const byPeriod = new Map<string, SmartNumberDto[]>();
  let computedAt: Date | null = null;
  for (const period of periods) {
    const list = SMARTNUMBER_KEYS.map((key): SmartNumberDto => {
      const row = rows.find((r) => r.period === period && r.kpi_name === key);
      if (row && (!computedAt || row.updated_at > computedAt)) computedAt = row.updated_at;
      const d = SMARTNUMBER_CATALOGUE[key];
      const threshold = effective.get(key) ?? null;
      const value = row?.value ?? null;
      return { key, number: d.number, label: d.label, group: d.group, unit: d.unit, formula: row?.calculation_method ?? d.formula, value, colour: colourOf(value, threshold), threshold, notes: row?.notes ?? null };
    });
    byPeriod.set(period, list);
  }
  return { byPeriod, computedAt: computedAt as Date | null, hasData: rows.length > 0 };
}

export async function getSmartNumbers(ctx: RequestContext, query: z.infer<typeof smartnumbersQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const period: Period = query.period ?? (await defaultQuarter(ctx, org));
  const { byPeriod, computedAt } = await smartNumbersFor(ctx, org, [period.key]);
  return {
    organization: orgDto(org),
    period: period.key,
    period_type: period.kind === 'month' ? 'monthly' : 'quarterly',
    monthly_periods: period.kind === 'month' ? [period.key] : monthsOfQuarter(period).map((m) => m.key),
    computed_at: computedAt ? iso(computedAt) : null,
    smartnumbers: byPeriod.get(period.key) ?? [],
  };
}

// ---------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------

export async function listThresholdsFor(ctx: RequestContext, query: z.infer<typeof thresholdsQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const rows = await loadThresholds(ctx.db, org.id);
  return { organization: orgDto(org), thresholds: [...effectiveThresholdDtos(rows).values()], defaults: rows.filter((r) => r.organization_id === null).map(thresholdDto) };
}

export async function saveThresholdFor(ctx: RequestContext, input: z.infer<typeof thresholdBodySchema>) {
  if (input.organization_id !== null) {
    authorize(ctx.actor, 'qbr:manage', { organizationId: input.organization_id }, 'Organisation');
    if (!(await findQbrOrganization(ctx.db, input.organization_id))) throw notFound('Organisation');
  }
  authorize(ctx.actor, 'qbr:manage');
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findThreshold(trx, input.organization_id, input.metric_name);
    await saveThreshold(trx, { ...input, notes: input.notes ?? null, updated_by: by });
    const after = (await findThreshold(trx, input.organization_id, input.metric_name))!;
    await recordAudit(trx, ctx, {
      action: 'qbr.threshold.save',
      entityType: 'threshold',
      entityId: after.id,
      organizationId: input.organization_id,
      before: before ? thresholdDto(before) : null,
      after: thresholdDto(after),
    });
    return thresholdDto(after);
  });
}

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Hand-entered metrics and overrides
// ---------------------------------------------------------------------------

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
