import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { executeJob } from '@/lib/jobs/execute';
import { jobs as qbrJobs } from '@/jobs/registry';
import { SMARTNUMBER_KEYS } from '@/lib/qbr/model/smartnumbers';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';

// Every SmartNumber formula, through the qbr-metrics job, on hand-built months.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;

type Source = 'collected' | 'manual' | 'quickbooks';
async function put(org: number, period: string, source: Source, values: Record<string, number>, isOverride = false) {
  await db
    .insertInto('metrics_monthly')
    .values(Object.entries(values).map(([metric_name, v]) => ({ organization_id: org, period, metric_name, metric_value: String(v), data_source: source, is_override: isOverride })))
    .execute();
}

async function smartnumbers(org: number, period: string) {
  const rows = await db.selectFrom('smartnumbers').selectAll().where('organization_id', '=', org).where('period', '=', period).execute();
  return Object.fromEntries(rows.map((r) => [r.kpi_name, r.kpi_value === null ? null : Number(r.kpi_value)]));
}

async function quarterly(org: number, period: string) {
  const rows = await db.selectFrom('metrics_quarterly').selectAll().where('organization_id', '=', org).where('period', '=', period).execute();
  return Object.fromEntries(rows.map((r) => [r.metric_name, { value: Number(r.metric_value), months: r.months_with_data, notes: r.notes }]));
}

const runMetrics = (data: Record<string, unknown>) => executeJob(db, qbrJobs['qbr-metrics']!, data);

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  const levels = [
    { created: 30, closed: 27, hours: 45, endpoints: 100, seats: 80, techs: 3, employees: 5, agreements: 20 },
    { created: 40, closed: 42, hours: 60, endpoints: 110, seats: 90, techs: 3, employees: 5, agreements: 22 },
    { created: 20, closed: 21, hours: 30, endpoints: 120, seats: 100, techs: 4, employees: 8, agreements: 24 },
  ];
  for (const [i, l] of levels.entries()) {
    const month = `2025-0${i + 1}`;
    await put(world.home, month, 'collected', { reactive_tickets_created: l.created, reactive_tickets_closed: l.closed, reactive_time_spent: l.hours, endpoints_managed: l.endpoints, seats_managed: l.seats });
    await put(world.home, month, 'quickbooks', { nrr: 10000, mrr: 30000, orr: 2000, product_sales: 5000, misc_revenue: 1000, employee_expense: 20000, owner_comp: 8000, owner_comp_taxes: 612, product_cogs: 4000, other_expenses: 3388 });
    await put(world.home, month, 'manual', { technical_employees: l.techs, employees: l.employees, agreements: l.agreements, telemarketing_dials: 100, first_time_appointments: 5, prospects_to_pbr: 3, new_agreements: 1, new_mrr: 1500, lost_mrr: 500 });
  }
  // Tenant A: two months of tickets only, no endpoints, no staff, no money.
  await put(world.orgA, '2025-01', 'collected', { reactive_tickets_created: 4, reactive_tickets_closed: 0, reactive_time_spent: 3 });
  await put(world.orgA, '2025-02', 'collected', { reactive_tickets_created: 0, reactive_tickets_closed: 0, reactive_time_spent: 0, endpoints_managed: 0 });
  const outcome = await runMetrics({ period: '2025-Q1' });
  expect(outcome.status).toBe('completed');
});
afterAll(async () => database.drop());

describe('qbr-metrics on hand-built months', () => {
  it('computes all 18 SmartNumbers for a quarter from sums of flows and averages of levels', async () => {
    const sn = await smartnumbers(world.home, '2025-Q1');
    expect(Object.keys(sn).sort()).toEqual([...SMARTNUMBER_KEYS].sort());
    const techs = 10 / 3;
    expect(sn.tickets_per_tech_per_month).toBeCloseTo(90 / techs / 3, 9);
    expect(sn.total_close_pct).toBeCloseTo(1, 9);
    expect(sn.tickets_per_endpoint_per_month).toBeCloseTo(90 / 3 / 110, 9);
    expect(sn.rhem).toBeCloseTo(135 / 110 / 3, 9);
    expect(sn.avg_resolution_time).toBeCloseTo(1.5, 9);
    expect(sn.reactive_service_pct).toBeCloseTo(45 / (techs * 167), 9);
    expect(sn.net_profit_pct).toBeCloseTo(36000 / 144000, 9);
    expect(sn.revenue_from_services_pct).toBeCloseTo(120000 / 144000, 9);
    expect(sn.services_from_mrr_pct).toBeCloseTo(0.75, 9);
    expect(sn.annual_service_revenue_per_employee).toBeCloseTo((120000 / 6) * 4, 6);
    expect(sn.annual_service_revenue_per_tech).toBeCloseTo((120000 / techs) * 4, 6);
    expect(sn.avg_aisp).toBeCloseTo(90000 / 90 / 3, 9);
    expect(sn.avg_mrr_per_agreement).toBeCloseTo(90000 / 22 / 3, 9);
    expect(sn.new_mrr).toBe(4500);
    expect(sn.lost_mrr).toBe(1500);
    expect(sn.net_mrr_gain).toBe(3000);
    expect(sn.dials_per_appointment).toBeCloseTo(20, 9);
    expect(sn.sales_close_pct).toBeCloseTo(0.2, 9);
  });

  it('rolls up a quarter: flows summed, levels averaged, totals calculated from the parts', async () => {
    const q = await quarterly(world.home, '2025-Q1');
    expect(q.reactive_tickets_created).toMatchObject({ value: 90, months: 3, notes: 'Sum of 3 months' });
    expect(q.endpoints_managed).toMatchObject({ value: 110, notes: 'Average of 3 months' });
    expect(q.employees!.value).toBe(6);
    expect(q.technical_employees!.value).toBeCloseTo(10 / 3, 5);
    expect(q.total_revenue!.value).toBe(144000);
    expect(q.total_expenses!.value).toBe(108000);
    expect(q.net_profit!.value).toBe(36000);
    const calculated = await db.selectFrom('metrics_monthly').select(['metric_name', 'metric_value']).where('organization_id', '=', world.home).where('period', '=', '2025-02').where('data_source', '=', 'calculated').execute();
    expect(Object.fromEntries(calculated.map((r) => [r.metric_name, Number(r.metric_value)]))).toEqual({ total_revenue: 48000, total_expenses: 36000, net_profit: 12000 });
  });

  it('uses the same formulas with m = 1 for a single month', async () => {
    const sn = await smartnumbers(world.home, '2025-03');
    expect(sn.tickets_per_tech_per_month).toBeCloseTo(21 / 4, 9);
    expect(sn.rhem).toBeCloseTo(30 / 120, 9);
    expect(sn.annual_service_revenue_per_employee).toBeCloseTo((40000 / 8) * 12, 6);
    expect(sn.avg_aisp).toBeCloseTo(30000 / 100, 9);
  });

  it('gives null, never infinity, where a divisor is missing or zero, and marks a partial quarter', async () => {
    const sn = await smartnumbers(world.orgA, '2025-Q1');
    expect(Object.keys(sn)).toHaveLength(18);
    expect(sn.total_close_pct).toBe(0); // 0 closed of 4 created
    expect(sn.avg_resolution_time).toBeNull(); // 0 tickets closed
    expect(sn.tickets_per_tech_per_month).toBeNull(); // no technicians
    expect(sn.rhem).toBeNull(); // 0 endpoints
    expect(sn.tickets_per_endpoint_per_month).toBeNull();
    expect(sn.net_profit_pct).toBeNull();
    expect(sn.new_mrr).toBeNull();
    expect(sn.dials_per_appointment).toBeNull();
    const row = await db.selectFrom('smartnumbers').select('notes').where('organization_id', '=', world.orgA).where('period', '=', '2025-Q1').executeTakeFirstOrThrow();
    expect(row.notes).toContain('Partial quarter');
    const feb = await smartnumbers(world.orgA, '2025-02');
    expect(feb.total_close_pct).toBeNull(); // 0 ÷ 0
  });

  it('prefers calculated > quickbooks > collected > manual, and an override beats all', async () => {
    await put(world.orgB, '2025-04', 'collected', { reactive_tickets_created: 10, reactive_tickets_closed: 5, endpoints_managed: 50 });
    await put(world.orgB, '2025-04', 'manual', { reactive_tickets_created: 999, endpoints_managed: 40 });
    await put(world.orgB, '2025-04', 'quickbooks', { mrr: 1000 });
    await put(world.orgB, '2025-04', 'manual', { total_revenue: 5 });
    await db.updateTable('metrics_monthly').set({ is_override: true }).where('organization_id', '=', world.orgB).where('metric_name', '=', 'endpoints_managed').where('data_source', '=', 'manual').execute();
    expect((await runMetrics({ period: '2025-04' })).status).toBe('completed');
    const sn = await smartnumbers(world.orgB, '2025-04');
    expect(sn.total_close_pct).toBeCloseTo(0.5, 9); // collected 10 beats manual 999
    expect(sn.tickets_per_endpoint_per_month).toBeCloseTo(10 / 40, 9); // the override (40) beats collected (50)
    expect(sn.revenue_from_services_pct).toBeCloseTo(1, 9); // calculated total 1000 beats manual 5
  });

  it('replaces a period idempotently when run again', async () => {
    const count = async () => Number((await db.selectFrom('smartnumbers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const snBefore = await smartnumbers(world.home, '2025-Q1');
    expect((await runMetrics({ period: '2025-Q1' })).status).toBe('completed');
    expect(await count()).toBe(before);
    expect(await smartnumbers(world.home, '2025-Q1')).toEqual(snBefore);
    // A value removed from the inputs disappears from the derived numbers on the next run.
    await db.deleteFrom('metrics_monthly').where('organization_id', '=', world.home).where('metric_name', '=', 'telemarketing_dials').execute();
    await runMetrics({ period: '2025-Q1' });
    expect((await smartnumbers(world.home, '2025-Q1')).dials_per_appointment).toBeNull();
    expect((await quarterly(world.home, '2025-Q1')).telemarketing_dials).toBeUndefined();
  });

  it('refuses a bad window and records the failure', async () => {
    await expect(runMetrics({ period: '2025-13' })).rejects.toThrow(/Month 13/);
    const run = await db.selectFrom('job_runs').select(['status', 'error']).where('job_name', '=', 'qbr-metrics').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
  });
});
