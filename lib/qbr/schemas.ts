import { z } from 'zod';
import { CLIENT_KPIS } from './model/client-metrics';
import { parseMonth, parsePeriod, parseQuarter, type Period } from './model/periods';
import { EXPENSE_CATEGORIES, isMetricKey, isSmartNumberKey, mayBeNegative, METRIC_CATALOGUE, REVENUE_CATEGORIES } from './model/smartnumbers';
import { BOUNDS_ISSUE, boundsInOrder, THRESHOLD_DIRECTIONS } from './model/thresholds';

// What the QBR endpoints and forms accept. Periods are parsed into period
// objects here, so a bad one ("2025-13", "2025-Q5", "25-01") is a 422 on the
// field that carried it.

const periodField = <T extends Period>(parse: (s: string) => { ok: true; value: T } | { ok: false; error: { message: string } }) =>
  z.string().transform((value, ctx) => {
    const r = parse(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error.message });
      return z.NEVER;
    }
    return r.value;
  });

export const anyPeriodParam = periodField(parsePeriod);
export const quarterParam = periodField(parseQuarter);
export const monthParam = periodField(parseMonth);
const organizationParam = z.coerce.number().int().positive().max(2_147_483_647);

export const metricsQuerySchema = z.strictObject({
  period: anyPeriodParam.optional(),
  organization_id: organizationParam.optional(),
  data_source: z.enum(['best', 'all']).default('best'),
});
export const quarterlyQuerySchema = z.strictObject({ period: quarterParam.optional(), organization_id: organizationParam.optional() });
export const smartnumbersQuerySchema = z.strictObject({ period: anyPeriodParam.optional(), organization_id: organizationParam.optional() });
export const thresholdsQuerySchema = z.strictObject({ organization_id: organizationParam.optional() });
export const periodsQuerySchema = z.strictObject({
  period: anyPeriodParam.optional(),
  period_type: z.enum(['monthly', 'quarterly']).optional(),
  organization_id: organizationParam.optional(),
});

const thresholdMetricName = z.string().refine((n) => isSmartNumberKey(n) || isMetricKey(n) || Object.hasOwn(CLIENT_KPIS, n), { message: 'Unknown metric or SmartNumber name' });

export const thresholdBodySchema = z
  .strictObject({
    metric_name: thresholdMetricName,
    organization_id: z.number().int().positive().nullable().default(null),
    direction: z.enum(THRESHOLD_DIRECTIONS),
    green: z.number().finite(),
    yellow: z.number().finite(),
    notes: z.string().trim().max(500).nullish(),
  })
  .refine(boundsInOrder, BOUNDS_ISSUE);

export const manualMetricsSchema = z.strictObject({
  period: monthParam,
  organization_id: z.number().int().positive().optional(),
  metrics: z
    .array(
      z
        .strictObject({
          metric_name: z.string().refine(isMetricKey, { message: 'Unknown metric name' }),
          metric_value: z.number().finite(),
          notes: z.string().trim().max(1000).nullish(),
          override: z.boolean().default(false),
        })
        .superRefine((m, ctx) => {
          if (!isMetricKey(m.metric_name)) return;
          // Amounts may be negative (credit notes, refunds); counts, hours, staff and endpoints may not.
          if (m.metric_value < 0 && !mayBeNegative(m.metric_name)) {
            ctx.addIssue({ code: 'custom', path: ['metric_value'], message: `${METRIC_CATALOGUE[m.metric_name].label} cannot be negative` });
          }
        }),
    )
    .min(1)
    .max(100)
    .refine((ms) => new Set(ms.map((m) => m.metric_name)).size === ms.length, { message: 'Each metric may appear once' }),
});

// The collectors' configuration (PUT /api/qbr/config): every account maps to
// a revenue or expense category, or is ignored.
export const ACCOUNT_CATEGORIES = [...REVENUE_CATEGORIES, ...EXPENSE_CATEGORIES, 'ignore'] as const;
export type AccountCategory = (typeof ACCOUNT_CATEGORIES)[number];

const name = z.string().trim().min(1).max(200);

export const qbrConfigSchema = z.strictObject({
  reactive_boards: z.array(name).min(1).max(50),
  closed_statuses: z.array(name).min(1).max(50),
  account_mappings: z.array(z.strictObject({ account_name: name, category: z.enum(ACCOUNT_CATEGORIES) })).max(1000),
  vendor_mappings: z
    .array(
      z.strictObject({
        organization_id: z.number().int().positive(),
        vendor: z.enum(['connectwise', 'quickbooks']),
        external_id: z.string().trim().min(1).max(100),
        external_name: z.string().trim().max(200).nullish(),
      }),
    )
    .max(5000),
});
