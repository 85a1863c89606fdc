import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as manual from '@/app/api/qbr/metrics/manual/route';
import * as monthly from '@/app/api/qbr/metrics/monthly/route';
import * as quarterly from '@/app/api/qbr/metrics/quarterly/route';
import * as report from '@/app/api/qbr/report/route';
import * as smartnumbers from '@/app/api/qbr/smartnumbers/route';
import * as thresholds from '@/app/api/qbr/thresholds/route';
import type { Db } from '@/db';
import { resetEnvForTests } from '@/lib/core/env';
import { executeJob } from '@/lib/jobs/execute';
import { storeQbrConfig } from '@/lib/qbr/config';
import { DEMO_ACCOUNT_MAPPINGS } from '@/lib/qbr/demo';
import { jobs as qbrJobs } from '@/jobs/registry';
import { METRIC_KEYS } from '@/lib/qbr/model/smartnumbers';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '@/lib/simulators/quickbooks';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

// Money can be negative: a credit note larger than a month's project
// invoices, a refund, a reversal. Amounts go through manual entry, the
// QuickBooks collector and the formulas with their sign; counts, hours,
// staff and endpoints are refused below zero. Expected numbers are worked
// out by hand below, never by calling the code under test.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;
let superToken: string;
let qb: QuickBooksSimulator;
const saved: Record<string, string | undefined> = {};

const post = (handler: typeof manual.POST, path: string, body: unknown) => call(handler, path, { method: 'POST', headers: { authorization: superToken }, body });
const get = (handler: typeof monthly.GET, path: string, token = superToken) => call(handler, path, { headers: { authorization: token } });
const enter = (period: string, values: Record<string, number>, organizationId?: number) =>
  post(manual.POST, '/api/qbr/metrics/manual', { period, ...(organizationId ? { organization_id: organizationId } : {}), metrics: Object.entries(values).map(([metric_name, metric_value]) => ({ metric_name, metric_value })) });

async function smartNumbersOf(path: string) {
  const res = await get(smartnumbers.GET, path);
  expect(res.status).toBe(200);
  return Object.fromEntries((res.json.data.smartnumbers as { key: string; value: number | null; colour: string | null; notes: string | null }[]).map((s) => [s.key, s]));
}

// Written out by hand, so that a new metric forces a decision here.
const AMOUNTS = ['nrr', 'mrr', 'orr', 'product_sales', 'misc_revenue', 'total_revenue', 'employee_expense', 'owner_comp', 'owner_comp_taxes', 'product_cogs', 'other_expenses', 'total_expenses', 'net_profit', 'new_mrr', 'lost_mrr'];
const NEVER_NEGATIVE = ['reactive_tickets_created', 'reactive_tickets_closed', 'reactive_time_spent', 'endpoints_managed', 'seats_managed', 'employees', 'technical_employees', 'agreements', 'telemarketing_dials', 'first_time_appointments', 'prospects_to_pbr', 'new_agreements'];

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  superToken = await bearerFor(db, world.superuser.id);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  await qb?.close();
  await database.drop();
});

describe('manual entry of negative amounts', () => {
  it('knows every metric as an amount or as something that is never negative', () => {
    expect([...AMOUNTS, ...NEVER_NEGATIVE].sort()).toEqual([...METRIC_KEYS].sort());
  });

  it('accepts every amount below zero and stores it with its sign', async () => {
    const values = Object.fromEntries(AMOUNTS.map((k, i) => [k, -(100 + i) - 0.25]));
    const res = await enter('2024-06', values, world.orgB);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const all = await get(monthly.GET, `/api/qbr/metrics/monthly?period=2024-06&organization_id=${world.orgB}&data_source=all`);
    const manualRows = (all.json.data.metrics as { metric_name: string; metric_value: number; data_source: string }[]).filter((m) => m.data_source === 'manual');
    expect(Object.fromEntries(manualRows.map((m) => [m.metric_name, m.metric_value]))).toEqual(values);
  });

  it('refuses each count, hours, staff and endpoint field below zero with a 422 naming the field, storing nothing', async () => {
    for (const name of NEVER_NEGATIVE) {
      const res = await enter('2024-07', { nrr: -500, [name]: -1 });
      expect(res.status, name).toBe(422);
      expect(res.json).toMatchObject({ status_code: 422, error: 'validation_failed', message: 'Request is not valid', request_id: expect.any(String), timestamp: expect.any(String) });
      expect(res.json.details, name).toEqual([{ path: 'metrics.1.metric_value', code: 'custom', message: expect.stringMatching(/cannot be negative$/) }]);
      // Zero is a count like any other.
      expect((await enter('2024-08', { [name]: 0 })).status, name).toBe(201);
    }
    expect(await db.selectFrom('metrics_monthly').select('metric_name').where('period', '=', '2024-07').execute()).toEqual([]);
  });
});

describe('a real-shaped quarter whose first month has a negative NRR', () => {
  // An MSP of about ten people. January: project invoices of $1,750 and a
  // credit note of $4,100 for a cancelled project (NRR -$2,350), and a $150
  // refund booked against miscellaneous income.
  const jan = {
    reactive_tickets_created: 412, reactive_tickets_closed: 398, reactive_time_spent: 287.5, endpoints_managed: 1180, seats_managed: 905, employees: 9, technical_employees: 6, agreements: 41,
    nrr: -2350, mrr: 61250, orr: 7420.5, product_sales: 12980, misc_revenue: -150,
    employee_expense: 38900, owner_comp: 12000, owner_comp_taxes: 918, product_cogs: 10450.75, other_expenses: 9876.25,
    telemarketing_dials: 640, first_time_appointments: 16, prospects_to_pbr: 5, new_agreements: 2, new_mrr: 2400, lost_mrr: 3100,
  };
  const feb = {
    reactive_tickets_created: 388, reactive_tickets_closed: 401, reactive_time_spent: 301.25, endpoints_managed: 1195, seats_managed: 912, employees: 9, technical_employees: 6, agreements: 42,
    nrr: 8640, mrr: 62100, orr: 7455, product_sales: 9870, misc_revenue: 210,
    employee_expense: 39150, owner_comp: 12000, owner_comp_taxes: 918, product_cogs: 8120, other_expenses: 9954.5,
    telemarketing_dials: 702, first_time_appointments: 14, prospects_to_pbr: 6, new_agreements: 3, new_mrr: 3150, lost_mrr: 0,
  };
  const mar = {
    reactive_tickets_created: 430, reactive_tickets_closed: 415, reactive_time_spent: 296.75, endpoints_managed: 1210, seats_managed: 921, employees: 10, technical_employees: 7, agreements: 43,
    nrr: 5125, mrr: 63400, orr: 7510, product_sales: 15240, misc_revenue: 0,
    employee_expense: 43800, owner_comp: 12000, owner_comp_taxes: 918, product_cogs: 12260.4, other_expenses: 10112.6,
    telemarketing_dials: 655, first_time_appointments: 18, prospects_to_pbr: 7, new_agreements: 2, new_mrr: 1800, lost_mrr: 950,
  };

  beforeAll(async () => {
    for (const [period, values] of [['2025-01', jan], ['2025-02', feb], ['2025-03', mar]] as const) {
      const res = await enter(period, values);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const threshold = await post(thresholds.POST, '/api/qbr/thresholds', { metric_name: 'net_profit_pct', organization_id: null, direction: 'higher_is_better', green: 0.15, yellow: 0.1 });
    expect(threshold.status).toBe(200);
  });

  it('keeps January’s negative NRR and computes its totals with it', async () => {
    const res = await get(monthly.GET, '/api/qbr/metrics/monthly?period=2025-01');
    const by = Object.fromEntries((res.json.data.metrics as { metric_name: string; metric_value: number }[]).map((m) => [m.metric_name, m.metric_value]));
    expect(by.nrr).toBe(-2350);
    expect(by.misc_revenue).toBe(-150);
    expect(by.total_revenue).toBeCloseTo(79150.5, 6); // -2350 + 61250 + 7420.5 + 12980 - 150
    expect(by.total_expenses).toBeCloseTo(72145, 6); // 38900 + 12000 + 918 + 10450.75 + 9876.25
    expect(by.net_profit).toBeCloseTo(7005.5, 6); // 79150.5 - 72145
    const q = await get(quarterly.GET, '/api/qbr/metrics/quarterly?period=2025-Q1');
    const qBy = Object.fromEntries((q.json.data.metrics as { metric_name: string; metric_value: number }[]).map((m) => [m.metric_name, m.metric_value]));
    expect(qBy.nrr).toBe(11415); // -2350 + 8640 + 5125
  });

  it('computes all 18 SmartNumbers of the quarter (m = 3)', async () => {
    // Quarter inputs. Flows are sums, levels averages:
    //   tickets created 412 + 388 + 430 = 1230; closed 398 + 401 + 415 = 1214
    //   reactive hours 287.5 + 301.25 + 296.75 = 885.5
    //   endpoints (1180 + 1195 + 1210) / 3 = 1195; seats (905 + 912 + 921) / 3 = 2738/3
    //   employees (9 + 9 + 10) / 3 = 28/3; technicians (6 + 6 + 7) / 3 = 19/3; agreements (41 + 42 + 43) / 3 = 42
    //   nrr -2350 + 8640 + 5125 = 11415; mrr 61250 + 62100 + 63400 = 186750; services 11415 + 186750 = 198165
    //   total revenue: Jan 79150.5 + Feb 88275 + Mar 91275 = 258700.5
    //   total expenses: Jan 72145 + Feb 70142.5 + Mar 79091 = 221378.5; net profit 258700.5 - 221378.5 = 37322
    //   new MRR 2400 + 3150 + 1800 = 7350; lost MRR 3100 + 0 + 950 = 4050
    //   dials 640 + 702 + 655 = 1997; appointments 16 + 14 + 18 = 48; new agreements 2 + 3 + 2 = 7
    const sn = await smartNumbersOf('/api/qbr/smartnumbers?period=2025-Q1');
    const expected: Record<string, number> = {
      tickets_per_tech_per_month: 63.89473684210526, // 1214 ÷ (19/3) ÷ 3 = 1214/19
      total_close_pct: 0.9869918699186991, // 1214 ÷ 1230
      tickets_per_endpoint_per_month: 0.34309623430962344, // 1230 ÷ 3 ÷ 1195 = 410/1195
      rhem: 0.24700139470013946, // 885.5 ÷ 1195 ÷ 3
      avg_resolution_time: 0.7294069192751236, // 885.5 ÷ 1214
      reactive_service_pct: 0.279073432083202, // (885.5 ÷ 3) ÷ (19/3 × 167) = 885.5/3173
      net_profit_pct: 0.1442672124715646, // 37322 ÷ 258700.5
      revenue_from_services_pct: 0.7660016119025669, // 198165 ÷ 258700.5
      services_from_mrr_pct: 0.9423964877753387, // 186750 ÷ 198165
      annual_service_revenue_per_employee: 84927.85714285714, // 198165 ÷ (28/3) × 4 = 198165 × 3/7
      annual_service_revenue_per_tech: 125156.84210526316, // 198165 ÷ (19/3) × 4 = 198165 × 12/19
      avg_aisp: 68.20672023374726, // 186750 ÷ (2738/3) ÷ 3 = 186750/2738
      avg_mrr_per_agreement: 1482.142857142857, // 186750 ÷ 42 ÷ 3 = 186750/126
      new_mrr: 7350,
      lost_mrr: 4050,
      net_mrr_gain: 3300, // 7350 - 4050
      dials_per_appointment: 41.604166666666664, // 1997 ÷ 48
      sales_close_pct: 0.14583333333333334, // 7 ÷ 48
    };
    expect(Object.keys(sn).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, want] of Object.entries(expected)) expect(sn[key]!.value, key).toBeCloseTo(want, 5);
    // 0.1443 is below green (0.15) and at least yellow (0.10).
    expect(sn.net_profit_pct!.colour).toBe('yellow');
    for (const s of Object.values(sn)) expect(s.notes, s.key).toBeNull();
  });

  it('computes January on its own, where MRR is more than all service revenue', async () => {
    const sn = await smartNumbersOf('/api/qbr/smartnumbers?period=2025-01');
    expect(sn.services_from_mrr_pct!.value).toBeCloseTo(1.0398981324278438, 9); // 61250 ÷ (61250 - 2350)
    expect(sn.revenue_from_services_pct!.value).toBeCloseTo(0.7441519636641588, 9); // 58900 ÷ 79150.5
    expect(sn.net_profit_pct!.value).toBeCloseTo(0.08850860070372266, 9); // 7005.5 ÷ 79150.5
    expect(sn.net_profit_pct!.colour).toBe('red'); // below 0.10
    expect(sn.annual_service_revenue_per_tech!.value).toBeCloseTo(117800, 6); // 58900 ÷ 6 × 12
    expect(sn.net_mrr_gain!.value).toBe(-700); // 2400 - 3100
  });
});

describe('a client month whose credit note exceeds all its revenue', () => {
  beforeAll(async () => {
    // Tenant A cancelled its agreement in January; February brings only a
    // $1,250 credit note for an unfinished project.
    const res = await enter('2025-02', { nrr: -1250, mrr: 0, endpoints_managed: 40, seats_managed: 32, reactive_tickets_created: 6, reactive_time_spent: 4.5 }, world.orgA);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const t = await post(thresholds.POST, '/api/qbr/thresholds', { metric_name: 'services_from_mrr_pct', organization_id: null, direction: 'higher_is_better', green: 0.8, yellow: 0.6 });
    expect(t.status).toBe(200);
  });

  it('shows revenue shares as not computable, uncoloured, and says why', async () => {
    const sn = await smartNumbersOf(`/api/qbr/smartnumbers?period=2025-02&organization_id=${world.orgA}`);
    for (const key of ['revenue_from_services_pct', 'services_from_mrr_pct']) {
      expect(sn[key]!.value, key).toBeNull();
      expect(sn[key]!.colour, key).toBeNull();
    }
    expect(sn.revenue_from_services_pct!.notes).toMatch(/not computable: total revenue is zero or negative/i);
    expect(sn.services_from_mrr_pct!.notes).toMatch(/not computable: service revenue .* is zero or negative/i);
    expect(sn.avg_aisp!.value).toBe(0); // 0 MRR ÷ 32 seats ÷ 1
    expect(sn.rhem!.value).toBeCloseTo(0.1125, 9); // 4.5 h ÷ 40 ÷ 1
  });

  it('prints the negative revenue in the client PDF', async () => {
    const res = await report.GET(new Request('http://localhost/api/qbr/report?period=2025-02', { headers: { authorization: await bearerFor(db, world.viewerA.id) } }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), { mergePages: true });
    expect(text).toMatch(/Revenue\s+-\$1,250/);
    expect(text).toMatch(/Revenue per endpoint per month\s+-\$31\.25/); // -1250 ÷ 40 ÷ 1
  });
});

describe('the QuickBooks collector with a credit note and a refund', () => {
  const NOW = new Date('2025-07-15T12:00:00Z');

  beforeAll(async () => {
    qb = await startQuickBooksSimulator({ clients: ['Tenant A Co', 'Other Co'], now: NOW });
    const customerA = qb.data.customers.find((c) => c.DisplayName === 'Tenant A Co')!.Id;
    await storeQbrConfig(
      db,
      {
        reactive_boards: ['Help Desk'],
        closed_statuses: ['Closed'],
        account_mappings: DEMO_ACCOUNT_MAPPINGS,
        vendor_mappings: [{ organization_id: world.orgA, vendor: 'quickbooks', external_id: customerA, external_name: 'Tenant A Co' }],
      },
      null,
    );
    for (const [k, v] of Object.entries(qb.config)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    resetEnvForTests();
  });

  it('stores negative revenue and expense lines with their sign', async () => {
    const customerA = qb.data.customers.find((c) => c.DisplayName === 'Tenant A Co')!.Id;
    const sum = (account: string, month: string, customerId?: string) => qb.data.postings.filter((p) => p.account === account && p.month === month && (customerId === undefined || p.customerId === customerId)).reduce((s, p) => s + p.amount, 0);
    // May: a credit note to Tenant A of its project invoices plus $1,250, and
    // a software vendor's refund $400 larger than May's tool spend.
    qb.data.postings.push({ account: 'project', month: '2025-05', customerId: customerA, amount: -sum('project', '2025-05', customerA) - 1250 });
    qb.data.postings.push({ account: 'tools', month: '2025-05', customerId: null, amount: -sum('tools', '2025-05') - 400 });

    expect((await executeJob(db, qbrJobs['quickbooks-collector']!, { period: '2025-05' })).status).toBe('completed');
    const value = async (org: number, name: string) =>
      Number((await db.selectFrom('metrics_monthly').select('metric_value').where('organization_id', '=', org).where('period', '=', '2025-05').where('metric_name', '=', name).where('data_source', '=', 'quickbooks').executeTakeFirstOrThrow()).metric_value);
    expect(await value(world.orgA, 'nrr')).toBe(-1250);
    expect(await value(world.home, 'nrr')).toBeCloseTo(sum('project', '2025-05'), 2); // every client's projects, the credit note included
    expect(await value(world.home, 'other_expenses')).toBeCloseTo(sum('rent', '2025-05') - 400, 2); // tools net to -400
    const sn = await smartNumbersOf(`/api/qbr/smartnumbers?period=2025-05&organization_id=${world.orgA}`);
    // Tenant A's service revenue is its MRR - 1250, still positive: MRR is more than all of it.
    const mrrA = sum('managed', '2025-05', customerA);
    expect(mrrA).toBeGreaterThan(1250);
    expect(sn.services_from_mrr_pct!.value).toBeCloseTo(mrrA / (mrrA - 1250), 6);
  });
});
