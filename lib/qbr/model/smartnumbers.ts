// QBR metric catalogue, quarterly roll-ups and the 18 SmartNumbers (their
// threshold colours are in thresholds.ts). Pure functions, no database: callers load monthly values and store
// what comes back. Ratios are returned unrounded as fractions (0.25 = 25 %);
// rounding is for display.

import { catalogue } from './catalogue';
import { monthsOfQuarter, type QuarterPeriod } from './periods';

// ---------------------------------------------------------------------------
// Metric catalogue
// ---------------------------------------------------------------------------

/** `flow` metrics add up over a quarter; `level` metrics are averaged. */
export type MetricKind = 'flow' | 'level';
export type MetricUnit = 'count' | 'hours' | 'money';
export type MetricOrigin = 'connectwise' | 'ninjaone' | 'quickbooks' | 'calculated' | 'manual';

/** `origin`: where the value normally comes from (a manual entry may override any of them). */
const def = (kind: MetricKind, unit: MetricUnit, origin: MetricOrigin, label: string, description: string) => ({ kind, unit, origin, label, description });

const METRICS = {
  reactive_tickets_created: def('flow', 'count', 'connectwise', 'Reactive tickets created', 'Parent tickets entered in the month on the reactive board (default "Help Desk").'),
  reactive_tickets_closed: def('flow', 'count', 'connectwise', 'Reactive tickets closed', 'Parent tickets on the reactive board closed in the month with a closed status (default ">Closed", ">Closed - No response", "Closed").'),
  reactive_time_spent: def('flow', 'hours', 'connectwise', 'Reactive time spent', 'Sum of actualHours of time entries in the month charged to service tickets of the reactive board.'),
  endpoints_managed: def('level', 'count', 'ninjaone', 'Endpoints managed', 'NinjaOne devices in the latest snapshot of the month, excluding VM guests and spares.'),
  seats_managed: def('level', 'count', 'ninjaone', 'Seats managed', 'Managed workstations (not servers, VM guests or VM hosts), excluding spares and internal organisations.'),
  nrr: def('flow', 'money', 'quickbooks', 'Non-recurring revenue', 'QuickBooks income accounts mapped to NRR (projects, break-fix).'),
  mrr: def('flow', 'money', 'quickbooks', 'Monthly recurring revenue', 'QuickBooks income accounts mapped to MRR (managed-services agreements).'),
  orr: def('flow', 'money', 'quickbooks', 'Other recurring revenue', 'QuickBooks income accounts mapped to ORR (resold subscriptions and the like).'),
  product_sales: def('flow', 'money', 'quickbooks', 'Product sales', 'QuickBooks income accounts mapped to product sales.'),
  misc_revenue: def('flow', 'money', 'quickbooks', 'Miscellaneous revenue', 'QuickBooks income accounts mapped to miscellaneous revenue.'),
  total_revenue: def('flow', 'money', 'calculated', 'Total revenue', 'nrr + mrr + orr + product_sales + misc_revenue.'),
  employee_expense: def('flow', 'money', 'quickbooks', 'Employee expense', 'QuickBooks expense accounts mapped to employee cost (payroll other than the owners).'),
  owner_comp: def('flow', 'money', 'quickbooks', 'Owner compensation', 'QuickBooks expense accounts mapped to owner compensation.'),
  owner_comp_taxes: def('flow', 'money', 'quickbooks', 'Owner compensation taxes', 'QuickBooks expense accounts mapped to taxes on owner compensation.'),
  product_cogs: def('flow', 'money', 'quickbooks', 'Product COGS', 'QuickBooks cost-of-goods accounts mapped to products sold.'),
  other_expenses: def('flow', 'money', 'quickbooks', 'Other expenses', 'Every other mapped QuickBooks expense account.'),
  total_expenses: def('flow', 'money', 'calculated', 'Total expenses', 'employee_expense + owner_comp + owner_comp_taxes + product_cogs + other_expenses.'),
  net_profit: def('flow', 'money', 'calculated', 'Net profit', 'total_revenue − total_expenses.'),
  employees: def('level', 'count', 'manual', 'Employees', 'Head count (entered by hand).'),
  technical_employees: def('level', 'count', 'manual', 'Technical employees', 'Technicians doing service work (entered by hand).'),
  agreements: def('level', 'count', 'manual', 'Agreements', 'Active managed-services agreements (entered by hand or from ConnectWise).'),
  telemarketing_dials: def('flow', 'count', 'manual', 'Telemarketing dials', 'Outbound sales dials (entered by hand or from a CRM).'),
  first_time_appointments: def('flow', 'count', 'manual', 'First-time appointments', 'First appointments with prospects (entered by hand or from a CRM).'),
  prospects_to_pbr: def('flow', 'count', 'manual', 'Prospects to PBR', 'Prospects taken to a business review (entered by hand or from a CRM).'),
  new_agreements: def('flow', 'count', 'manual', 'New agreements', 'Agreements signed in the month (entered by hand or from a CRM).'),
  new_mrr: def('flow', 'money', 'manual', 'New MRR', 'Monthly recurring revenue added by new agreements (entered by hand or from a CRM).'),
  lost_mrr: def('flow', 'money', 'manual', 'Lost MRR', 'Monthly recurring revenue lost to cancellations, as a positive amount (entered by hand or from a CRM).'),
} as const;

const metrics = catalogue(METRICS);
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS: MetricKey[] = metrics.keys;
export const METRIC_CATALOGUE = metrics.byKey;
export type MetricDefinition = (typeof METRIC_CATALOGUE)[MetricKey];
export const isMetricKey = metrics.has;

/**
 * Money may be negative: a credit note larger than the month's invoices, a
 * refund or a reversal makes a revenue or expense line (and so the totals and
 * net profit) negative. Counts, hours, staff and endpoints never are.
 */
export const mayBeNegative = (key: MetricKey): boolean => METRICS[key].unit === 'money';

export const REVENUE_CATEGORIES = ['nrr', 'mrr', 'orr', 'product_sales', 'misc_revenue'] as const satisfies readonly MetricKey[];
export const EXPENSE_CATEGORIES = ['employee_expense', 'owner_comp', 'owner_comp_taxes', 'product_cogs', 'other_expenses'] as const satisfies readonly MetricKey[];

/** One month's (or a rolled-up quarter's) values; a missing key and `null` both mean "no value". */
export type MetricValues = { readonly [K in MetricKey]?: number | null };

// ---------------------------------------------------------------------------
// Which value wins when several sources exist for one metric and month
// ---------------------------------------------------------------------------

export const DATA_SOURCES = ['calculated', 'quickbooks', 'collected', 'manual'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export type SourcedValue = { readonly dataSource: DataSource; readonly value: number; readonly isOverride?: boolean };

/**
 * calculated > quickbooks > collected > manual, except that a manual entry
 * marked as an override (an explicit, audited choice) beats everything.
 */
export function pickPreferred<T extends SourcedValue>(candidates: readonly T[]): T | undefined {
  const rank = (c: T) => (c.dataSource === 'manual' && c.isOverride ? -1 : DATA_SOURCES.indexOf(c.dataSource));
  let best: T | undefined;
  for (const c of candidates) if (best === undefined || rank(c) < rank(best)) best = c;
  return best;
}

// ---------------------------------------------------------------------------
// Totals and roll-ups
// ---------------------------------------------------------------------------

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Sum of the values that are present; null when none is. A missing category counts as 0 beside a present one. */
function sumPresent(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter(present);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0);
}

/**
 * Fills `total_revenue`, `total_expenses` and `net_profit` from their parts
 * where they were not given. A given total is kept (it may come from a source
 * that maps accounts differently).
 */
export function completeTotals(values: MetricValues): MetricValues {
  const totalRevenue = present(values.total_revenue) ? values.total_revenue : sumPresent(REVENUE_CATEGORIES.map((k) => values[k]));
  const totalExpenses = present(values.total_expenses) ? values.total_expenses : sumPresent(EXPENSE_CATEGORIES.map((k) => values[k]));
  const netProfit = present(values.net_profit)
    ? values.net_profit
    : totalRevenue !== null && totalExpenses !== null
      ? totalRevenue - totalExpenses
      : null;
  return { ...values, total_revenue: totalRevenue, total_expenses: totalExpenses, net_profit: netProfit };
}

/**
 * Rolls months up into one set of values: flows are summed, levels averaged,
 * each over the months that have a value (null when none has). Totals are
 * completed per month first.
 */
export function rollUpMonths(months: readonly MetricValues[]): MetricValues {
  const completed = months.map(completeTotals);
  const out: { [K in MetricKey]?: number | null } = {};
  for (const key of METRIC_KEYS) {
    const xs = completed.map((m) => m[key]).filter(present);
    if (xs.length === 0) out[key] = null;
    else {
      const sum = xs.reduce((a, b) => a + b, 0);
      out[key] = METRICS[key].kind === 'flow' ? sum : sum / xs.length;
    }
  }
  return out;
}

export type QuarterInputs = {
  readonly values: MetricValues;
  /** The quarter's month keys that had at least one value (fewer than 3 means a partial quarter). */
  readonly monthsWithData: readonly string[];
};

/** Picks the quarter's three months out of values keyed by `YYYY-MM` and rolls them up. */
export function quarterInputs(quarter: QuarterPeriod, byMonth: Readonly<Record<string, MetricValues | undefined>>): QuarterInputs {
  const months = monthsOfQuarter(quarter).map((m) => ({ key: m.key, values: byMonth[m.key] ?? {} }));
  return {
    values: rollUpMonths(months.map((m) => m.values)),
    monthsWithData: months.filter((m) => METRIC_KEYS.some((k) => present(m.values[k]))).map((m) => m.key),
  };
}

// ---------------------------------------------------------------------------
// SmartNumbers
// ---------------------------------------------------------------------------

/** Working hours in one technician-month (40 h × 4.175 weeks), as in the original. */
export const WORK_HOURS_PER_TECH_MONTH = 167;

export type SmartNumberUnit = 'ratio' | 'count' | 'hours' | 'money';
export type SmartNumberGroup = 'operations' | 'profit' | 'revenue' | 'leverage' | 'sales';

const sn = (number: number, group: SmartNumberGroup, unit: SmartNumberUnit, label: string, formula: string) => ({ number, group, unit, label, formula });

const SMARTNUMBERS = {
  tickets_per_tech_per_month: sn(1, 'operations', 'count', 'Reactive tickets per tech per month', 'tickets closed ÷ avg technical employees ÷ m'),
  total_close_pct: sn(2, 'operations', 'ratio', 'Total close %', 'tickets closed ÷ tickets created'),
  tickets_per_endpoint_per_month: sn(3, 'operations', 'count', 'Reactive tickets per endpoint per month', 'tickets created ÷ m ÷ avg endpoints'),
  rhem: sn(4, 'operations', 'hours', 'Reactive hours per endpoint per month (RHEM)', 'reactive hours ÷ avg endpoints ÷ m'),
  avg_resolution_time: sn(5, 'operations', 'hours', 'Average resolution time (hours)', 'reactive hours ÷ tickets closed'),
  reactive_service_pct: sn(6, 'operations', 'ratio', 'Reactive service %', '(reactive hours ÷ m) ÷ (avg technical employees × 167)'),
  net_profit_pct: sn(7, 'profit', 'ratio', 'Net profit %', 'net profit ÷ total revenue'),
  revenue_from_services_pct: sn(8, 'revenue', 'ratio', '% of revenue from services', '(nrr + mrr) ÷ total revenue'),
  services_from_mrr_pct: sn(9, 'revenue', 'ratio', '% of services from MRR', 'mrr ÷ (nrr + mrr)'),
  annual_service_revenue_per_employee: sn(10, 'leverage', 'money', 'Annual service revenue per employee', '(nrr + mrr) ÷ avg employees × 12/m (× 4 for a quarter)'),
  annual_service_revenue_per_tech: sn(11, 'leverage', 'money', 'Annual service revenue per technician', '(nrr + mrr) ÷ avg technical employees × 12/m (× 4 for a quarter)'),
  avg_aisp: sn(12, 'leverage', 'money', 'Average income per seat per month (AISP)', 'mrr ÷ avg seats ÷ m'),
  avg_mrr_per_agreement: sn(13, 'leverage', 'money', 'Average MRR per agreement', 'mrr ÷ avg agreements ÷ m'),
  new_mrr: sn(14, 'sales', 'money', 'New MRR', 'sum of new MRR'),
  lost_mrr: sn(15, 'sales', 'money', 'Lost MRR', 'sum of lost MRR'),
  net_mrr_gain: sn(16, 'sales', 'money', 'Net MRR gain', 'new MRR − lost MRR'),
  dials_per_appointment: sn(17, 'sales', 'count', 'Dials per appointment', 'dials ÷ first-time appointments'),
  sales_close_pct: sn(18, 'sales', 'ratio', 'Sales close %', 'new agreements ÷ first-time appointments'),
} as const;

const smartNumbers = catalogue(SMARTNUMBERS);
export type SmartNumberKey = keyof typeof SMARTNUMBERS;
export const SMARTNUMBER_KEYS: SmartNumberKey[] = smartNumbers.keys;
export const SMARTNUMBER_CATALOGUE = smartNumbers.byKey;
export type SmartNumberDefinition = (typeof SMARTNUMBER_CATALOGUE)[SmartNumberKey];
export const isSmartNumberKey = smartNumbers.has;

export type SmartNumbers = { readonly [K in SmartNumberKey]: number | null };

/**
 * a ÷ b, or null when either is missing or b is zero or negative: shown as
 * "n/a", never Infinity. Every divisor of the 18 is a count, a head count or
 * a revenue whole (total revenue, service revenue). A negative whole (a month
 * whose credit notes exceed its invoices) gives no meaningful share: profit ÷
 * a negative revenue would flip the sign and colour a loss as a good margin.
 * A negative numerator over a positive whole is kept: it is a true negative
 * share, and a part may exceed a whole shrunk by a negative sibling (MRR ÷
 * services above 100 % when NRR is negative).
 */
function div(a: number | null | undefined, b: number | null | undefined): number | null {
  if (!present(a) || !present(b) || b <= 0) return null;
  return a / b;
}

const times = (a: number | null, k: number): number | null => (a === null ? null : a * k);
const value = (v: number | null | undefined): number | null => (present(v) ? v : null);

/**
 * The 18 SmartNumbers for values that cover `months` months: 1 for a month,
 * 3 for a quarter (whose values come from `rollUpMonths`). Flows are totals
 * over the period and levels are averages, as the roll-up produces them.
 */
export function computeSmartNumbers(input: MetricValues, months: number): SmartNumbers {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`Invalid month count: ${months}`);
  const v = completeTotals(input);
  const m = months;
  const created = v.reactive_tickets_created;
  const closed = v.reactive_tickets_closed;
  const hours = v.reactive_time_spent;
  const endpoints = v.endpoints_managed;
  const techs = v.technical_employees;
  // Service revenue is a sum of categories: a missing one counts as 0 beside a present one.
  const services = sumPresent([v.nrr, v.mrr]);
  // The doc's "× 4" annualises a quarter; the same rule for one month is × 12.
  const annualise = 12 / m;
  const newMrr = value(v.new_mrr);
  const lostMrr = value(v.lost_mrr);

  return {
    tickets_per_tech_per_month: div(div(closed, techs), m),
    total_close_pct: div(closed, created),
    tickets_per_endpoint_per_month: div(div(created, m), endpoints),
    rhem: div(div(hours, endpoints), m),
    avg_resolution_time: div(hours, closed),
    reactive_service_pct: div(div(hours, m), present(techs) ? techs * WORK_HOURS_PER_TECH_MONTH : null),
    net_profit_pct: div(v.net_profit, v.total_revenue),
    revenue_from_services_pct: div(services, v.total_revenue),
    services_from_mrr_pct: div(v.mrr, services),
    annual_service_revenue_per_employee: times(div(services, v.employees), annualise),
    annual_service_revenue_per_tech: times(div(services, techs), annualise),
    avg_aisp: div(div(v.mrr, v.seats_managed), m),
    avg_mrr_per_agreement: div(div(v.mrr, v.agreements), m),
    new_mrr: newMrr,
    lost_mrr: lostMrr,
    net_mrr_gain: newMrr === null && lostMrr === null ? null : (newMrr ?? 0) - (lostMrr ?? 0),
    dials_per_appointment: div(v.telemarketing_dials, v.first_time_appointments),
    sales_close_pct: div(v.new_agreements, v.first_time_appointments),
  };
}

/**
 * Why a SmartNumber is "n/a" although its inputs are present: its revenue
 * divisor is zero or negative (see `div`). A zero count needs no such note.
 */
export function notComputableNotes(input: MetricValues): { [K in SmartNumberKey]?: string } {
  const v = completeTotals(input);
  const notPositive = (x: number | null | undefined) => present(x) && x <= 0;
  const out: { [K in SmartNumberKey]?: string } = {};
  if (notPositive(v.total_revenue)) {
    out.net_profit_pct = out.revenue_from_services_pct = 'Not computable: total revenue is zero or negative';
  }
  if (notPositive(sumPresent([v.nrr, v.mrr]))) out.services_from_mrr_pct = 'Not computable: service revenue (NRR + MRR) is zero or negative';
  return out;
}

/** SmartNumbers for one month (m = 1, the month's own values). */
export const computeMonthSmartNumbers = (values: MetricValues): SmartNumbers => computeSmartNumbers(values, 1);

/** SmartNumbers for a quarter from its months (up to three; m = 3 even when one is missing). */
export function computeQuarterSmartNumbers(months: readonly MetricValues[]): SmartNumbers {
  if (months.length > 3) throw new RangeError(`A quarter has three months, got ${months.length}`);
  return computeSmartNumbers(rollUpMonths(months), 3);
}
