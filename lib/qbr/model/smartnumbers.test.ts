import { describe, it, expect } from 'vitest';
import { parseQuarter } from './periods';
import {
  METRIC_CATALOGUE,
  METRIC_KEYS,
  SMARTNUMBER_CATALOGUE,
  SMARTNUMBER_KEYS,
  WORK_HOURS_PER_TECH_MONTH,
  completeTotals,
  computeMonthSmartNumbers,
  computeQuarterSmartNumbers,
  computeSmartNumbers,
  mayBeNegative,
  notComputableNotes,
  pickPreferred,
  quarterInputs,
  rollUpMonths,
  type MetricValues,
  type SmartNumbers,
} from './smartnumbers';
import { DEFAULT_THRESHOLDS, evaluateThreshold, thresholdSchema } from './thresholds';

// Three hand-built months. Levels change every month so that a sum where an
// average belongs (or the reverse) gives a visibly different answer.
const jan: MetricValues = {
  reactive_tickets_created: 100,
  reactive_tickets_closed: 90,
  reactive_time_spent: 50,
  endpoints_managed: 200,
  seats_managed: 150,
  technical_employees: 2,
  employees: 4,
  agreements: 10,
  nrr: 1000,
  mrr: 9000,
  orr: 500,
  product_sales: 2000,
  misc_revenue: 0,
  employee_expense: 5000,
  owner_comp: 2000,
  owner_comp_taxes: 300,
  product_cogs: 1500,
  other_expenses: 1200,
  telemarketing_dials: 300,
  first_time_appointments: 10,
  prospects_to_pbr: 4,
  new_agreements: 2,
  new_mrr: 800,
  lost_mrr: 200,
};
const feb: MetricValues = {
  reactive_tickets_created: 120,
  reactive_tickets_closed: 126,
  reactive_time_spent: 70,
  endpoints_managed: 220,
  seats_managed: 160,
  technical_employees: 3,
  employees: 5,
  agreements: 11,
  nrr: 2000,
  mrr: 9500,
  orr: 500,
  product_sales: 1000,
  misc_revenue: 100,
  employee_expense: 6000,
  owner_comp: 2000,
  owner_comp_taxes: 300,
  product_cogs: 800,
  other_expenses: 1400,
  telemarketing_dials: 200,
  first_time_appointments: 5,
  prospects_to_pbr: 2,
  new_agreements: 1,
  new_mrr: 500,
  lost_mrr: 0,
};
const mar: MetricValues = {
  reactive_tickets_created: 80,
  reactive_tickets_closed: 84,
  reactive_time_spent: 60,
  endpoints_managed: 240,
  seats_managed: 170,
  technical_employees: 4,
  employees: 6,
  agreements: 12,
  nrr: 0,
  mrr: 10000,
  orr: 600,
  product_sales: 0,
  misc_revenue: 0,
  employee_expense: 6500,
  owner_comp: 2000,
  owner_comp_taxes: 300,
  product_cogs: 0,
  other_expenses: 1000,
  telemarketing_dials: 100,
  first_time_appointments: 5,
  prospects_to_pbr: 1,
  new_agreements: 1,
  new_mrr: 300,
  lost_mrr: 900,
};

function expectNumbers(actual: SmartNumbers, expected: Partial<Record<keyof SmartNumbers, number | null>>) {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key as keyof SmartNumbers];
    if (want === null) expect(got, key).toBeNull();
    else {
      expect(got, key).not.toBeNull();
      expect(got as number, key).toBeCloseTo(want, 9);
    }
  }
}

describe('metric catalogue', () => {
  it('lists every metric key of the doc with its kind and unit', () => {
    expect(METRIC_KEYS).toHaveLength(27);
    const levels = METRIC_KEYS.filter((k) => METRIC_CATALOGUE[k].kind === 'level').sort();
    expect(levels).toEqual(['agreements', 'employees', 'endpoints_managed', 'seats_managed', 'technical_employees']);
    expect(METRIC_CATALOGUE.reactive_time_spent.unit).toBe('hours');
    expect(METRIC_CATALOGUE.mrr.unit).toBe('money');
    expect(METRIC_CATALOGUE.new_mrr).toMatchObject({ kind: 'flow', unit: 'money' });
    expect(METRIC_CATALOGUE.reactive_tickets_created).toMatchObject({ key: 'reactive_tickets_created', kind: 'flow', unit: 'count' });
    for (const k of METRIC_KEYS) expect(METRIC_CATALOGUE[k].description.length, k).toBeGreaterThan(10);
  });

  it('lists the 18 SmartNumbers in order', () => {
    expect(SMARTNUMBER_KEYS).toHaveLength(18);
    expect(SMARTNUMBER_KEYS.map((k) => SMARTNUMBER_CATALOGUE[k].number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(SMARTNUMBER_KEYS[0]).toBe('tickets_per_tech_per_month');
    expect(SMARTNUMBER_KEYS[17]).toBe('sales_close_pct');
  });
});

describe('completeTotals', () => {
  it('derives total revenue, total expenses and net profit from the categories', () => {
    const t = completeTotals(jan);
    expect(t.total_revenue).toBe(12500);
    expect(t.total_expenses).toBe(10000);
    expect(t.net_profit).toBe(2500);
  });

  it('keeps given totals and counts a missing category as zero beside present ones', () => {
    expect(completeTotals({ total_revenue: 99, nrr: 1 }).total_revenue).toBe(99);
    expect(completeTotals({ mrr: 10, nrr: null }).total_revenue).toBe(10);
    expect(completeTotals({ net_profit: -5, total_revenue: 1, total_expenses: 1 }).net_profit).toBe(-5);
  });

  it('leaves totals null when nothing feeds them', () => {
    const t = completeTotals({ mrr: 10 });
    expect(t.total_expenses).toBeNull();
    expect(t.net_profit).toBeNull();
    expect(completeTotals({}).total_revenue).toBeNull();
  });
});

describe('SmartNumbers for one month (m = 1)', () => {
  it('computes every formula', () => {
    expectNumbers(computeMonthSmartNumbers(jan), {
      tickets_per_tech_per_month: 90 / 2, // closed ÷ techs ÷ 1
      total_close_pct: 0.9,
      tickets_per_endpoint_per_month: 100 / 200,
      rhem: 50 / 200,
      avg_resolution_time: 50 / 90,
      reactive_service_pct: 50 / (2 * 167),
      net_profit_pct: 2500 / 12500,
      revenue_from_services_pct: 10000 / 12500,
      services_from_mrr_pct: 0.9,
      annual_service_revenue_per_employee: (10000 / 4) * 12,
      annual_service_revenue_per_tech: (10000 / 2) * 12,
      avg_aisp: 9000 / 150,
      avg_mrr_per_agreement: 9000 / 10,
      new_mrr: 800,
      lost_mrr: 200,
      net_mrr_gain: 600,
      dials_per_appointment: 30,
      sales_close_pct: 0.2,
    });
    expect(WORK_HOURS_PER_TECH_MONTH).toBe(167);
  });

  it('returns null, never Infinity or NaN, for zero or missing divisors', () => {
    const zeros: MetricValues = {
      reactive_tickets_created: 0,
      reactive_tickets_closed: 0,
      reactive_time_spent: 10,
      endpoints_managed: 0,
      seats_managed: 0,
      technical_employees: 0,
      employees: 0,
      agreements: 0,
      nrr: 0,
      mrr: 0,
      total_revenue: 0,
      net_profit: 5,
      telemarketing_dials: 7,
      first_time_appointments: 0,
      new_agreements: 1,
    };
    const r = computeMonthSmartNumbers(zeros);
    for (const key of [
      'tickets_per_tech_per_month',
      'total_close_pct',
      'tickets_per_endpoint_per_month',
      'rhem',
      'avg_resolution_time',
      'reactive_service_pct',
      'net_profit_pct',
      'revenue_from_services_pct',
      'services_from_mrr_pct',
      'annual_service_revenue_per_employee',
      'annual_service_revenue_per_tech',
      'avg_aisp',
      'avg_mrr_per_agreement',
      'dials_per_appointment',
      'sales_close_pct',
    ] as const) {
      expect(r[key], key).toBeNull();
    }
    const empty = computeMonthSmartNumbers({});
    for (const key of SMARTNUMBER_KEYS) expect(empty[key], key).toBeNull();
  });

  it('returns null when a divisor is missing but the numerator is present', () => {
    const r = computeMonthSmartNumbers({ reactive_tickets_closed: 10, reactive_time_spent: 5, mrr: 100, telemarketing_dials: 3, new_agreements: 1 });
    expect(r.tickets_per_tech_per_month).toBeNull();
    expect(r.total_close_pct).toBeNull();
    expect(r.rhem).toBeNull();
    expect(r.reactive_service_pct).toBeNull();
    expect(r.avg_aisp).toBeNull();
    expect(r.avg_mrr_per_agreement).toBeNull();
    expect(r.annual_service_revenue_per_employee).toBeNull();
    expect(r.dials_per_appointment).toBeNull();
    expect(r.sales_close_pct).toBeNull();
    expect(r.avg_resolution_time).toBe(0.5);
    // revenue = mrr only: services are all of it
    expect(r.revenue_from_services_pct).toBe(1);
    expect(r.services_from_mrr_pct).toBe(1);
  });

  it('returns null when a numerator is missing', () => {
    const r = computeMonthSmartNumbers({ endpoints_managed: 100, technical_employees: 2, reactive_tickets_created: 10, first_time_appointments: 4, employees: 3, seats_managed: 9, agreements: 2 });
    expect(r.rhem).toBeNull();
    expect(r.tickets_per_tech_per_month).toBeNull();
    expect(r.dials_per_appointment).toBeNull();
    expect(r.annual_service_revenue_per_employee).toBeNull();
    expect(r.avg_aisp).toBeNull();
    expect(r.tickets_per_endpoint_per_month).toBeCloseTo(0.1, 12);
  });

  it('computes net MRR gain when only one side was entered, null when neither', () => {
    expect(computeMonthSmartNumbers({ new_mrr: 400 }).net_mrr_gain).toBe(400);
    expect(computeMonthSmartNumbers({ lost_mrr: 150 }).net_mrr_gain).toBe(-150);
    expect(computeMonthSmartNumbers({}).net_mrr_gain).toBeNull();
    expect(computeMonthSmartNumbers({ new_mrr: 100, lost_mrr: 100 }).net_mrr_gain).toBe(0);
  });

  it('keeps ratios unrounded and allows close % above 100 %', () => {
    const r = computeMonthSmartNumbers({ reactive_tickets_created: 3, reactive_tickets_closed: 4 });
    expect(r.total_close_pct).toBe(4 / 3);
  });

  it('ignores NaN and Infinity inputs as missing', () => {
    const r = computeMonthSmartNumbers({ reactive_time_spent: Number.NaN, endpoints_managed: 10, reactive_tickets_closed: 5, technical_employees: Number.POSITIVE_INFINITY });
    expect(r.rhem).toBeNull();
    expect(r.tickets_per_tech_per_month).toBeNull();
  });
});

describe('quarter roll-up and SmartNumbers (m = 3)', () => {
  it('sums flows and averages levels', () => {
    const q = rollUpMonths([jan, feb, mar]);
    expect(q.reactive_tickets_created).toBe(300);
    expect(q.reactive_tickets_closed).toBe(300);
    expect(q.reactive_time_spent).toBe(180);
    expect(q.mrr).toBe(28500);
    expect(q.nrr).toBe(3000);
    expect(q.new_mrr).toBe(1600);
    expect(q.endpoints_managed).toBe(220);
    expect(q.seats_managed).toBe(160);
    expect(q.technical_employees).toBe(3);
    expect(q.employees).toBe(5);
    expect(q.agreements).toBe(11);
    // totals derived per month, then summed: 12500 + 13100 + 10600
    expect(q.total_revenue).toBe(36200);
    expect(q.total_expenses).toBe(10000 + 10500 + 9800);
    expect(q.net_profit).toBe(36200 - 30300);
  });

  it('computes every formula on the rolled-up quarter', () => {
    const r = computeQuarterSmartNumbers([jan, feb, mar]);
    expectNumbers(r, {
      tickets_per_tech_per_month: 300 / 3 / 3,
      total_close_pct: 1,
      tickets_per_endpoint_per_month: 300 / 3 / 220,
      rhem: 180 / 220 / 3,
      avg_resolution_time: 180 / 300,
      reactive_service_pct: 180 / 3 / (3 * 167),
      net_profit_pct: 5900 / 36200,
      revenue_from_services_pct: 31500 / 36200,
      services_from_mrr_pct: 28500 / 31500,
      annual_service_revenue_per_employee: (31500 / 5) * 4,
      annual_service_revenue_per_tech: (31500 / 3) * 4,
      avg_aisp: 28500 / 160 / 3,
      avg_mrr_per_agreement: 28500 / 11 / 3,
      new_mrr: 1600,
      lost_mrr: 1100,
      net_mrr_gain: 500,
      dials_per_appointment: 600 / 20,
      sales_close_pct: 4 / 20,
    });
  });

  it('differs from summing the levels (a regression guard for sum-versus-average)', () => {
    const r = computeQuarterSmartNumbers([jan, feb, mar]);
    expect(r.rhem).not.toBeCloseTo(180 / 660 / 3, 6);
    expect(r.tickets_per_tech_per_month).not.toBeCloseTo(300 / 9 / 3, 6);
  });

  it('rolls up a partial quarter over the months present, keeping m = 3', () => {
    const q = rollUpMonths([jan, {}, mar]);
    expect(q.reactive_tickets_created).toBe(180);
    expect(q.endpoints_managed).toBe(220); // (200 + 240) / 2
    expect(q.technical_employees).toBe(3);
    const r = computeQuarterSmartNumbers([jan, {}, mar]);
    expect(r.rhem).toBeCloseTo(110 / 220 / 3, 12);
  });

  it('averages a level over the months that have it, and is null when none has', () => {
    const q = rollUpMonths([{ employees: 4 }, { employees: null }, { employees: 6 }]);
    expect(q.employees).toBe(5);
    expect(rollUpMonths([{}, {}, {}]).employees).toBeNull();
    expect(rollUpMonths([{}, {}, {}]).mrr).toBeNull();
  });

  it('rejects more than three months', () => {
    expect(() => computeQuarterSmartNumbers([jan, feb, mar, jan])).toThrow(RangeError);
    expect(() => computeSmartNumbers(jan, 0)).toThrow(RangeError);
  });

  it('picks a quarter’s months out of a month-keyed record', () => {
    const q3 = parseQuarter('2025-Q3');
    if (!q3.ok) throw new Error('parse');
    const input = quarterInputs(q3.value, { '2025-06': { mrr: 1_000_000 }, '2025-07': jan, '2025-08': feb, '2025-10': { mrr: 1_000_000 } });
    expect(input.monthsWithData).toEqual(['2025-07', '2025-08']);
    expect(input.values.mrr).toBe(18500);
    expect(input.values.endpoints_managed).toBe(210);
  });
});

describe('negative money', () => {
  it('lets every amount be negative and nothing else', () => {
    const signed = METRIC_KEYS.filter(mayBeNegative).sort();
    expect(signed).toEqual(
      ['employee_expense', 'lost_mrr', 'misc_revenue', 'mrr', 'net_profit', 'new_mrr', 'nrr', 'orr', 'other_expenses', 'owner_comp', 'owner_comp_taxes', 'product_cogs', 'product_sales', 'total_expenses', 'total_revenue'].sort(),
    );
    for (const k of METRIC_KEYS) expect(mayBeNegative(k), k).toBe(METRIC_CATALOGUE[k].unit === 'money');
  });

  it('carries negative categories into totals and profit', () => {
    // A credit note (nrr -2000) and a vendor refund (other_expenses -300).
    const t = completeTotals({ nrr: -2000, mrr: 9000, misc_revenue: -100, employee_expense: 5000, other_expenses: -300 });
    expect(t.total_revenue).toBe(6900); // -2000 + 9000 - 100
    expect(t.total_expenses).toBe(4700); // 5000 - 300
    expect(t.net_profit).toBe(2200);
    expect(completeTotals({ nrr: -500, employee_expense: 1000 }).net_profit).toBe(-1500);
  });

  it('computes a month with a negative NRR', () => {
    const r = computeMonthSmartNumbers({ ...jan, nrr: -1500 });
    // revenue 12500 - 1000 - 1500 = 10000; services -1500 + 9000 = 7500; profit 10000 - 10000 = 0
    expectNumbers(r, {
      net_profit_pct: 0,
      revenue_from_services_pct: 7500 / 10000,
      services_from_mrr_pct: 9000 / 7500, // above 100 %: MRR is more than all service revenue
      annual_service_revenue_per_employee: (7500 / 4) * 12,
      annual_service_revenue_per_tech: (7500 / 2) * 12,
      avg_aisp: 9000 / 150,
    });
    expect(notComputableNotes({ ...jan, nrr: -1500 })).toEqual({});
  });

  it('keeps a negative share over a positive whole', () => {
    // Profit -4000 on revenue 8000; services -500 of it; mrr -200 of services 300 (a reversed agreement).
    const r = computeMonthSmartNumbers({ nrr: 500, mrr: -200, product_sales: 7700, employee_expense: 12000, employees: 5, technical_employees: 2, seats_managed: 40, agreements: 4 });
    expectNumbers(r, {
      net_profit_pct: -4000 / 8000,
      revenue_from_services_pct: 300 / 8000,
      services_from_mrr_pct: -200 / 300,
      annual_service_revenue_per_employee: (300 / 5) * 12,
      avg_aisp: -200 / 40,
      avg_mrr_per_agreement: -200 / 4,
    });
    expectNumbers(computeMonthSmartNumbers({ nrr: -800, mrr: 300, technical_employees: 2 }), { annual_service_revenue_per_tech: (-500 / 2) * 12 });
  });

  it('is n/a, with the reason, when a revenue whole is zero or negative', () => {
    // Credit notes exceed every invoice of the month: revenue -1250, services -1250.
    const month: MetricValues = { nrr: -1250, mrr: 0, employee_expense: 3000, employees: 2, technical_employees: 1 };
    const r = computeMonthSmartNumbers(month);
    expect(r.net_profit_pct).toBeNull(); // -4250 ÷ -1250 would read as a 340 % margin
    expect(r.revenue_from_services_pct).toBeNull();
    expect(r.services_from_mrr_pct).toBeNull();
    expect(r.annual_service_revenue_per_employee).toBe((-1250 / 2) * 12); // a count divides: the value stands
    expect(evaluateThreshold(r.net_profit_pct, { direction: 'higher_is_better', green: 0.15, yellow: 0.05 })).toBeNull();
    expect(notComputableNotes(month)).toEqual({
      net_profit_pct: 'Not computable: total revenue is zero or negative',
      revenue_from_services_pct: 'Not computable: total revenue is zero or negative',
      services_from_mrr_pct: 'Not computable: service revenue (NRR + MRR) is zero or negative',
    });
    // Services cancel out while other revenue is positive: only the MRR share is n/a.
    const cancel: MetricValues = { nrr: -900, mrr: 900, orr: 400 };
    expect(computeMonthSmartNumbers(cancel).revenue_from_services_pct).toBe(0);
    expect(computeMonthSmartNumbers(cancel).services_from_mrr_pct).toBeNull();
    expect(Object.keys(notComputableNotes(cancel))).toEqual(['services_from_mrr_pct']);
    expect(notComputableNotes({})).toEqual({});
  });

  it('rolls a negative first month into the quarter', () => {
    const q = rollUpMonths([{ ...jan, nrr: -3000 }, feb, mar]);
    expect(q.nrr).toBe(-1000); // -3000 + 2000 + 0
    expect(q.total_revenue).toBe(36200 - 4000); // January's revenue drops by 1000 + 3000
    const r = computeQuarterSmartNumbers([{ ...jan, nrr: -3000 }, feb, mar]);
    expectNumbers(r, {
      revenue_from_services_pct: 27500 / 32200, // (-1000 + 28500) ÷ 32200
      services_from_mrr_pct: 28500 / 27500,
      net_profit_pct: 1900 / 32200, // 32200 - 30300
      annual_service_revenue_per_tech: (27500 / 3) * 4,
    });
  });

  it('gives a negative net MRR gain when more is lost than won', () => {
    expect(computeQuarterSmartNumbers([jan, feb, { ...mar, lost_mrr: 2500 }]).net_mrr_gain).toBe(1600 - 2700);
  });
});

describe('pickPreferred', () => {
  it('prefers calculated > quickbooks > collected > manual', () => {
    const m = { dataSource: 'manual', value: 1 } as const;
    const c = { dataSource: 'collected', value: 2 } as const;
    const q = { dataSource: 'quickbooks', value: 3 } as const;
    const k = { dataSource: 'calculated', value: 4 } as const;
    expect(pickPreferred([m, c, q, k])?.value).toBe(4);
    expect(pickPreferred([m, c, q])?.value).toBe(3);
    expect(pickPreferred([m, c])?.value).toBe(2);
    expect(pickPreferred([m])?.value).toBe(1);
    expect(pickPreferred([])).toBeUndefined();
  });

  it('lets an explicit manual override win', () => {
    expect(pickPreferred([{ dataSource: 'calculated', value: 4 }, { dataSource: 'manual', value: 9, isOverride: true }])?.value).toBe(9);
  });
});

describe('thresholds', () => {
  const higher = { direction: 'higher_is_better', green: 0.92, yellow: 0.85 } as const;
  const lower = { direction: 'lower_is_better', green: 0.25, yellow: 0.5 } as const;

  it('colours higher-is-better values with inclusive bounds', () => {
    expect(evaluateThreshold(0.95, higher)).toBe('green');
    expect(evaluateThreshold(0.92, higher)).toBe('green');
    expect(evaluateThreshold(0.9, higher)).toBe('yellow');
    expect(evaluateThreshold(0.85, higher)).toBe('yellow');
    expect(evaluateThreshold(0.84, higher)).toBe('red');
    expect(evaluateThreshold(-1, higher)).toBe('red');
  });

  it('colours lower-is-better values with inclusive bounds', () => {
    expect(evaluateThreshold(0.1, lower)).toBe('green');
    expect(evaluateThreshold(0.25, lower)).toBe('green');
    expect(evaluateThreshold(0.3, lower)).toBe('yellow');
    expect(evaluateThreshold(0.5, lower)).toBe('yellow');
    expect(evaluateThreshold(0.51, lower)).toBe('red');
  });

  it('gives no colour without a value', () => {
    expect(evaluateThreshold(null, higher)).toBeNull();
    expect(evaluateThreshold(undefined, lower)).toBeNull();
    expect(evaluateThreshold(Number.NaN, lower)).toBeNull();
  });

  it('validates bounds against the direction', () => {
    expect(thresholdSchema.safeParse(higher).success).toBe(true);
    expect(thresholdSchema.safeParse(lower).success).toBe(true);
    expect(thresholdSchema.safeParse({ direction: 'higher_is_better', green: 0.5, yellow: 0.9 }).success).toBe(false);
    expect(thresholdSchema.safeParse({ direction: 'lower_is_better', green: 0.9, yellow: 0.5 }).success).toBe(false);
    expect(thresholdSchema.safeParse({ direction: 'sideways', green: 1, yellow: 1 }).success).toBe(false);
  });

  it('ships valid defaults that colour computed SmartNumbers', () => {
    for (const [key, t] of Object.entries(DEFAULT_THRESHOLDS)) expect(thresholdSchema.safeParse(t).success, key).toBe(true);
    const r = computeMonthSmartNumbers(jan);
    expect(evaluateThreshold(r.rhem, DEFAULT_THRESHOLDS.rhem!)).toBe('green'); // 0.25
    expect(evaluateThreshold(r.tickets_per_endpoint_per_month, DEFAULT_THRESHOLDS.tickets_per_endpoint_per_month!)).toBe('green'); // 0.5
    expect(evaluateThreshold(r.total_close_pct, DEFAULT_THRESHOLDS.total_close_pct!)).toBe('yellow'); // 0.9
  });
});
