// Per-client review numbers beyond the SmartNumbers: what ConnectWise adds
// about service quality (SLA, first response, aged backlog), stored as
// monthly metrics so quarters roll up the same way, and the client KPIs a
// manager takes into a client meeting. Pure functions, no database.

import { METRIC_CATALOGUE, isMetricKey, type MetricKind, type MetricUnit, type MetricValues } from './smartnumbers';

const def = (kind: MetricKind, unit: MetricUnit, label: string, description: string) => ({ kind, unit, label, description });

/** Monthly service-quality inputs collected from ConnectWise for each client (and the MSP as a whole). */
export const CLIENT_METRICS = {
  tickets_with_sla: def('flow', 'count', 'Tickets with an SLA', 'Reactive parent tickets entered in the month that carry an SLA verdict.'),
  tickets_in_sla: def('flow', 'count', 'Tickets within SLA', 'Of those, the tickets ConnectWise marks as within SLA.'),
  response_hours_total: def('flow', 'hours', 'Hours to first response (total)', 'Sum over the month’s reactive tickets of the time from entry to first response.'),
  tickets_responded: def('flow', 'count', 'Tickets responded to', 'Reactive tickets entered in the month that have a first response.'),
  aged_backlog: def('level', 'count', 'Aged backlog', 'Open reactive tickets older than 30 days when the month was last collected.'),
} as const;

export type ClientMetricKey = keyof typeof CLIENT_METRICS;
export const CLIENT_METRIC_KEYS = Object.keys(CLIENT_METRICS) as ClientMetricKey[];
export const isClientMetricKey = (key: string): key is ClientMetricKey => Object.hasOwn(CLIENT_METRICS, key);

/** Every metric name that may be stored per month. */
export type StoredMetricKey = keyof typeof METRIC_CATALOGUE | ClientMetricKey;
export const isStoredMetricKey = (key: string): key is StoredMetricKey => isMetricKey(key) || isClientMetricKey(key);

export function metricInfo(key: string): { label: string; unit: MetricUnit; kind: MetricKind; description: string } | null {
  if (isMetricKey(key)) return METRIC_CATALOGUE[key];
  if (isClientMetricKey(key)) return CLIENT_METRICS[key];
  return null;
}

export type ClientMetricValues = { readonly [K in ClientMetricKey]?: number | null };

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Rolls client metrics up like the catalogue's: flows summed, levels averaged over the months that have them. */
export function rollUpClientMetrics(months: readonly ClientMetricValues[]): ClientMetricValues {
  const out: { [K in ClientMetricKey]?: number | null } = {};
  for (const key of CLIENT_METRIC_KEYS) {
    const xs = months.map((m) => m[key]).filter(present);
    if (xs.length === 0) out[key] = null;
    else {
      const sum = xs.reduce((a, b) => a + b, 0);
      out[key] = CLIENT_METRICS[key].kind === 'flow' ? sum : sum / xs.length;
    }
  }
  return out;
}

const div = (a: number | null | undefined, b: number | null | undefined): number | null => (!present(a) || !present(b) || b === 0 ? null : a / b);

export const CLIENT_KPIS = {
  endpoints: { label: 'Endpoints managed', unit: 'count', formula: 'average endpoints over the period' },
  seats: { label: 'Seats managed', unit: 'count', formula: 'average seats over the period' },
  tickets_per_endpoint_per_month: { label: 'Tickets per endpoint per month', unit: 'count', formula: 'tickets created ÷ m ÷ avg endpoints' },
  rhem: { label: 'Reactive hours per endpoint per month', unit: 'hours', formula: 'reactive hours ÷ avg endpoints ÷ m' },
  sla_attainment_pct: { label: 'SLA attainment', unit: 'ratio', formula: 'tickets within SLA ÷ tickets with an SLA' },
  avg_response_hours: { label: 'Average time to first response (hours)', unit: 'hours', formula: 'hours to first response ÷ tickets responded to' },
  aged_backlog: { label: 'Aged backlog (open > 30 days)', unit: 'count', formula: 'open reactive tickets older than 30 days (latest month)' },
  reactive_tickets: { label: 'Reactive tickets created', unit: 'count', formula: 'sum over the period' },
  reactive_hours: { label: 'Reactive hours', unit: 'hours', formula: 'sum over the period' },
  revenue: { label: 'Revenue', unit: 'money', formula: 'QuickBooks income for the client over the period' },
  revenue_per_endpoint_per_month: { label: 'Revenue per endpoint per month', unit: 'money', formula: 'revenue ÷ avg endpoints ÷ m' },
} as const;
export type ClientKpiKey = keyof typeof CLIENT_KPIS;
export type ClientKpis = { readonly [K in ClientKpiKey]: number | null };

/**
 * The client-meeting numbers for a period of `months` months from rolled-up
 * values; `latestBacklog` is the newest month's aged backlog (a backlog is a
 * state, so a quarter shows where it ended, not its average).
 */
export function computeClientKpis(values: MetricValues & ClientMetricValues, months: number, latestBacklog: number | null): ClientKpis {
  const endpoints = values.endpoints_managed;
  const revenue = present(values.total_revenue)
    ? values.total_revenue
    : (['nrr', 'mrr', 'orr', 'product_sales', 'misc_revenue'] as const).map((k) => values[k]).filter(present).reduce<number | null>((a, b) => (a ?? 0) + b, null);
  return {
    endpoints: present(endpoints) ? endpoints : null,
    seats: present(values.seats_managed) ? values.seats_managed : null,
    tickets_per_endpoint_per_month: div(div(values.reactive_tickets_created, months), endpoints),
    rhem: div(div(values.reactive_time_spent, endpoints), months),
    sla_attainment_pct: div(values.tickets_in_sla, values.tickets_with_sla),
    avg_response_hours: div(values.response_hours_total, values.tickets_responded),
    aged_backlog: latestBacklog,
    reactive_tickets: present(values.reactive_tickets_created) ? values.reactive_tickets_created : null,
    reactive_hours: present(values.reactive_time_spent) ? values.reactive_time_spent : null,
    revenue,
    revenue_per_endpoint_per_month: div(div(revenue, endpoints), months),
  };
}
