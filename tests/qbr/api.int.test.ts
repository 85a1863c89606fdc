import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as apiKeys from '@/app/api/v1/api-keys/route';
import * as config from '@/app/api/qbr/config/route';
import * as manual from '@/app/api/qbr/metrics/manual/route';
import * as monthly from '@/app/api/qbr/metrics/monthly/route';
import * as quarterly from '@/app/api/qbr/metrics/quarterly/route';
import * as refresh from '@/app/api/qbr/refresh/route';
import * as periods from '@/app/api/qbr/periods/route';
import * as smartnumbers from '@/app/api/qbr/smartnumbers/route';
import * as status from '@/app/api/qbr/status/route';
import * as thresholds from '@/app/api/qbr/thresholds/route';
import type { Db } from '@/db';
import { executeJob } from '@/lib/jobs/execute';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { jobs as qbrJobs } from '@/jobs/registry';
import { SMARTNUMBER_KEYS } from '@/lib/qbr/model/smartnumbers';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;
let tokens: Record<'super' | 'adminA' | 'viewerA' | 'viewerB', string>;

async function put(org: number, period: string, source: 'collected' | 'manual' | 'quickbooks', values: Record<string, number>) {
  await db.insertInto('metrics_monthly').values(Object.entries(values).map(([metric_name, v]) => ({ organization_id: org, period, metric_name, metric_value: String(v), data_source: source }))).execute();
}

/** A fingerprint of every QBR row an API call could change. */
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const t of ['metrics_monthly', 'metrics_quarterly', 'smartnumbers', 'thresholds', 'qbr_settings', 'qbr_vendor_mappings', 'audit_logs'] as const) {
    out[t] = (await sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.table(t)} t`.execute(db)).rows;
  }
  return out;
}

const get = (handler: typeof monthly.GET, path: string, token: string) => call(handler, path, { headers: { authorization: token } });
const post = (handler: typeof manual.POST, path: string, token: string, body: unknown, method = 'POST') => call(handler, path, { method, headers: { authorization: token }, body });

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  tokens = {
    super: await bearerFor(db, world.superuser.id),
    adminA: await bearerFor(db, world.adminA.id),
    viewerA: await bearerFor(db, world.viewerA.id),
    viewerB: await bearerFor(db, world.viewerB.id),
  };
  for (const month of ['2025-01', '2025-02', '2025-03']) {
    await put(world.home, month, 'collected', { reactive_tickets_created: 30, reactive_tickets_closed: 30, reactive_time_spent: 30, endpoints_managed: 100 });
    await put(world.home, month, 'quickbooks', { mrr: 1000, nrr: 500 });
    await put(world.orgA, month, 'collected', { reactive_tickets_created: 10, reactive_tickets_closed: 8, reactive_time_spent: 12, endpoints_managed: 20 });
    await put(world.orgB, month, 'collected', { reactive_tickets_created: 99, endpoints_managed: 99 });
  }
  await put(world.orgA, '2025-02', 'manual', { reactive_tickets_created: 500 });
  expect((await executeJob(db, qbrJobs['qbr-metrics']!, { period: '2025-Q1' })).status).toBe('completed');
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

describe('GET /api/qbr/smartnumbers', () => {
  it('answers every SmartNumber key with its value (null without a divisor) and threshold colour', async () => {
    const res = await get(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-Q1', tokens.super);
    expect(res.status).toBe(200);
    const data = res.json.data;
    expect(data).toMatchObject({ organization: { id: world.home, is_home: true }, period: '2025-Q1', period_type: 'quarterly', monthly_periods: ['2025-01', '2025-02', '2025-03'] });
    expect(data.smartnumbers.map((s: { key: string }) => s.key)).toEqual(SMARTNUMBER_KEYS);
    const by = Object.fromEntries(data.smartnumbers.map((s: { key: string }) => [s.key, s]));
    expect(by.rhem).toMatchObject({ value: 0.3, colour: 'yellow', threshold: { direction: 'lower_is_better', green: 0.25, yellow: 0.5, scope: 'global' } });
    expect(by.total_close_pct).toMatchObject({ value: 1, colour: 'green' });
    expect(by.tickets_per_tech_per_month).toMatchObject({ value: null, colour: null });
    expect(by.net_profit_pct.value).toBeNull();
    expect(by.services_from_mrr_pct.value).toBeCloseTo(2 / 3, 9);
  });

  it('gives org admins and viewers their own client view, and 404 for another organisation', async () => {
    const own = await get(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-Q1', tokens.viewerA);
    expect(own.status).toBe(200);
    expect(own.json.data.organization).toMatchObject({ id: world.orgA, is_home: false });
    const byRhem = own.json.data.smartnumbers.find((s: { key: string }) => s.key === 'rhem');
    expect(byRhem.value).toBeCloseTo(36 / 20 / 3, 9);
    expect(byRhem.colour).toBe('red');
    for (const org of [world.orgB, world.home, 999_999]) {
      for (const handler of [smartnumbers.GET, monthly.GET, quarterly.GET, thresholds.GET, periods.GET]) {
        const res = await get(handler, `/api/qbr/x?organization_id=${org}`, tokens.adminA);
        expect(res.status).toBe(404);
        expect(res.json).toMatchObject({ status_code: 404, error: 'not_found' });
      }
    }
    const b = await get(smartnumbers.GET, `/api/qbr/smartnumbers?period=2025-Q1&organization_id=${world.orgB}`, tokens.viewerB);
    expect(b.json.data.organization.id).toBe(world.orgB);
  });

  it('lets an organisation’s API key read its own QBR only', async () => {
    const created = await post(apiKeys.POST, '/api/v1/api-keys', tokens.adminA, { name: 'dashboard', organization_id: world.orgA, role: 'viewer' });
    expect(created.status).toBe(201);
    const key = { 'x-api-key': created.json.data.key };
    const own = await call(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-Q1', { headers: key });
    expect(own.status).toBe(200);
    expect(own.json.data.organization.id).toBe(world.orgA);
    expect((await call(smartnumbers.GET, `/api/qbr/smartnumbers?organization_id=${world.orgB}`, { headers: key })).status).toBe(404);
    expect((await call(thresholds.POST, '/api/qbr/thresholds', { method: 'POST', headers: key, body: { metric_name: 'rhem', organization_id: world.orgA, direction: 'lower_is_better', green: 1, yellow: 2 } })).status).toBe(403);
  });

  it('rejects bad periods in the error format', async () => {
    for (const period of ['2025-13', '2025-Q5', '25-01', '2025-1', 'nonsense']) {
      const res = await get(smartnumbers.GET, `/api/qbr/smartnumbers?period=${period}`, tokens.super);
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({ status_code: 422, error: 'validation_failed', request_id: expect.any(String) });
      expect(res.json.details[0].path).toBe('period');
    }
    const monthForQuarter = await get(quarterly.GET, '/api/qbr/metrics/quarterly?period=2025-01', tokens.super);
    expect(monthForQuarter.status).toBe(422);
    expect(monthForQuarter.json.details[0].message).toMatch(/is a month/);
    expect((await call(smartnumbers.GET, '/api/qbr/smartnumbers')).status).toBe(401);
  });
});

describe('GET /api/qbr/metrics/*', () => {
  it('returns the preferred value per metric, or every source with data_source=all', async () => {
    const best = await get(monthly.GET, `/api/qbr/metrics/monthly?period=2025-02&organization_id=${world.orgA}`, tokens.super);
    expect(best.status).toBe(200);
    const created = best.json.data.metrics.filter((m: { metric_name: string }) => m.metric_name === 'reactive_tickets_created');
    expect(created).toEqual([expect.objectContaining({ metric_value: 10, data_source: 'collected', period: '2025-02', label: 'Reactive tickets created' })]);
    const all = await get(monthly.GET, `/api/qbr/metrics/monthly?period=2025-02&organization_id=${world.orgA}&data_source=all`, tokens.super);
    expect(all.json.data.metrics.filter((m: { metric_name: string }) => m.metric_name === 'reactive_tickets_created').map((m: { data_source: string }) => m.data_source).sort()).toEqual(['collected', 'manual']);
    const quarter = await get(monthly.GET, '/api/qbr/metrics/monthly?period=2025-Q1', tokens.super);
    expect(quarter.json.data.months).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(quarter.json.data.metrics.some((m: { metric_name: string; data_source: string }) => m.metric_name === 'total_revenue' && m.data_source === 'calculated')).toBe(true);
  });

  it('returns a quarter’s roll-ups', async () => {
    const res = await get(quarterly.GET, '/api/qbr/metrics/quarterly?period=2025-Q1', tokens.viewerA);
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.json.data.metrics.map((m: { metric_name: string }) => [m.metric_name, m]));
    expect(by.reactive_tickets_created).toMatchObject({ metric_value: 30, kind: 'flow', months_with_data: 3 });
    expect(by.endpoints_managed).toMatchObject({ metric_value: 20, kind: 'level' });
  });

  it('lists periods with whether the organisation has data', async () => {
    const res = await get(periods.GET, '/api/qbr/periods?period=2025-Q1', tokens.viewerA);
    expect(res.status).toBe(200);
    expect(res.json.data.periods.map((p: { period_value: string; has_data: boolean }) => [p.period_value, p.has_data])).toEqual([
      ['2025-01', true],
      ['2025-Q1', true],
      ['2025-02', true],
      ['2025-03', true],
    ]);
    const quarters = await get(periods.GET, '/api/qbr/periods?period_type=quarterly', tokens.viewerA);
    expect(quarters.json.data.periods[0]).toMatchObject({ period_value: '2023-Q1', start_date: '2023-01-01', end_date: '2023-03-31', has_data: false });
  });
});

describe('POST /api/qbr/thresholds', () => {
  it('lets superusers set an organisation’s threshold, audited, and colours follow it', async () => {
    const res = await post(thresholds.POST, '/api/qbr/thresholds', tokens.super, { metric_name: 'rhem', organization_id: world.orgA, direction: 'lower_is_better', green: 1, yellow: 2, notes: 'Acme has old kit' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ metric_name: 'rhem', organization_id: world.orgA, scope: 'organization', green: 1, yellow: 2, red: 2 });
    const a = await get(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-Q1', tokens.viewerA);
    expect(a.json.data.smartnumbers.find((s: { key: string }) => s.key === 'rhem').colour).toBe('green'); // 0.6, red by default
    const home = await get(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-Q1', tokens.super);
    expect(home.json.data.smartnumbers.find((s: { key: string }) => s.key === 'rhem').threshold.scope).toBe('global');
    const audit = await db.selectFrom('audit_logs').selectAll().where('action', '=', 'qbr.threshold.save').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ organization_id: world.orgA, actor_id: world.superuser.id });
    expect(audit.after).toMatchObject({ green: 1, yellow: 2 });
  });

  it('refuses non-superusers and bad thresholds, storing nothing', async () => {
    const before = await snapshot();
    const forbidden = await post(thresholds.POST, '/api/qbr/thresholds', tokens.adminA, { metric_name: 'rhem', organization_id: world.orgA, direction: 'lower_is_better', green: 9, yellow: 10 });
    expect(forbidden.status).toBe(403);
    const other = await post(thresholds.POST, '/api/qbr/thresholds', tokens.adminA, { metric_name: 'rhem', organization_id: world.orgB, direction: 'lower_is_better', green: 9, yellow: 10 });
    expect(other.status).toBe(404);
    for (const body of [
      { metric_name: 'rhem', direction: 'lower_is_better', green: 2, yellow: 1 },
      { metric_name: 'not_a_metric', direction: 'lower_is_better', green: 1, yellow: 2 },
      { metric_name: 'rhem', direction: 'sideways', green: 1, yellow: 2 },
      { metric_name: 'rhem', direction: 'lower_is_better', green: '1', yellow: 2 },
    ]) {
      const res = await post(thresholds.POST, '/api/qbr/thresholds', tokens.super, body);
      expect(res.status).toBe(422);
      expect(res.json.error).toBe('validation_failed');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('POST /api/qbr/metrics/manual', () => {
  it('stores hand-entered metrics and overrides, recomputes SmartNumbers, and audits', async () => {
    const res = await post(manual.POST, '/api/qbr/metrics/manual', tokens.super, {
      period: '2025-03',
      metrics: [
        { metric_name: 'technical_employees', metric_value: 2 },
        { metric_name: 'endpoints_managed', metric_value: 50, override: true, notes: 'Counted by hand after the RMM migration' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ organization: { id: world.home }, period: '2025-03' });
    expect(res.json.data.metrics).toEqual([
      expect.objectContaining({ metric_name: 'technical_employees', effective_value: 2, effective_source: 'manual' }),
      expect.objectContaining({ metric_name: 'endpoints_managed', effective_value: 50, effective_source: 'manual', override: true }),
    ]);
    const march = await get(smartnumbers.GET, '/api/qbr/smartnumbers?period=2025-03', tokens.super);
    const by = Object.fromEntries(march.json.data.smartnumbers.map((s: { key: string; value: number | null }) => [s.key, s.value]));
    expect(by.tickets_per_tech_per_month).toBeCloseTo(15, 9);
    expect(by.rhem).toBeCloseTo(30 / 50, 9);
    const audit = await db.selectFrom('audit_logs').selectAll().where('action', '=', 'qbr.metrics.override').executeTakeFirstOrThrow();
    expect(audit.before).toEqual([expect.objectContaining({ metric_name: 'endpoints_managed', data_source: 'collected', value: 100 })]);
    expect(audit.entity_id).toBe(`${world.home}:2025-03`);
  });

  it('refuses bad input and other roles, storing nothing', async () => {
    const before = await snapshot();
    const bodies = [
      { period: '2025-13', metrics: [{ metric_name: 'employees', metric_value: 3 }] },
      { period: '2025-Q1', metrics: [{ metric_name: 'employees', metric_value: 3 }] },
      { period: '25-01', metrics: [{ metric_name: 'employees', metric_value: 3 }] },
      { period: '2025-01', metrics: [{ metric_name: 'happiness', metric_value: 3 }] },
      { period: '2025-01', metrics: [{ metric_name: 'employees', metric_value: -1 }] },
      { period: '2025-01', metrics: [{ metric_name: 'employees', metric_value: 'three' }] },
      { period: '2025-01', metrics: [{ metric_name: 'employees', metric_value: 3 }, { metric_name: 'employees', metric_value: 4 }] },
      { period: '2025-01', metrics: [] },
      { period: '2099-01', metrics: [{ metric_name: 'employees', metric_value: 3 }] },
    ];
    for (const body of bodies) {
      const res = await post(manual.POST, '/api/qbr/metrics/manual', tokens.super, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error).toBe('validation_failed');
    }
    const asAdmin = await post(manual.POST, '/api/qbr/metrics/manual', tokens.adminA, { period: '2025-01', organization_id: world.orgA, metrics: [{ metric_name: 'employees', metric_value: 3 }] });
    expect(asAdmin.status).toBe(403);
    expect((await post(manual.POST, '/api/qbr/metrics/manual', tokens.viewerA, { period: '2025-01', metrics: [{ metric_name: 'employees', metric_value: 3 }] })).status).toBe(403);
    const otherTenant = await post(manual.POST, '/api/qbr/metrics/manual', tokens.adminA, { period: '2025-01', organization_id: world.orgB, metrics: [{ metric_name: 'employees', metric_value: 3 }] });
    expect(otherTenant.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('configuration and status', () => {
  it('lets superusers read and replace the configuration, audited', async () => {
    const read = await get(config.GET, '/api/qbr/config', tokens.super);
    expect(read.json.data).toMatchObject({ reactive_boards: ['Help Desk'], closed_statuses: ['>Closed', '>Closed - No response', 'Closed'] });
    const body = { ...read.json.data, reactive_boards: ['Help Desk', 'Service'], vendor_mappings: [{ organization_id: world.orgA, vendor: 'connectwise', external_id: '19300', external_name: 'Tenant A' }] };
    const saved = await post(config.PUT, '/api/qbr/config', tokens.super, body, 'PUT');
    expect(saved.status).toBe(200);
    expect(saved.json.data.reactive_boards).toEqual(['Help Desk', 'Service']);
    expect(await db.selectFrom('audit_logs').select('action').where('action', '=', 'qbr.config.update').executeTakeFirst()).toBeDefined();
    const before = await snapshot();
    expect((await post(config.PUT, '/api/qbr/config', tokens.super, { ...body, vendor_mappings: [...body.vendor_mappings, { ...body.vendor_mappings[0], organization_id: world.orgB }] }, 'PUT')).status).toBe(422);
    expect((await post(config.PUT, '/api/qbr/config', tokens.super, { ...body, account_mappings: [{ account_name: 'Sales', category: 'bogus' }] }, 'PUT')).status).toBe(422);
    expect((await get(config.GET, '/api/qbr/config', tokens.adminA)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('reports freshness to every QBR reader', async () => {
    const res = await get(status.GET, '/api/qbr/status', tokens.viewerA);
    expect(res.status).toBe(200);
    expect(res.json.data.sources.map((s: { job_name: string }) => s.job_name)).toEqual(['connectwise-collector', 'quickbooks-collector', 'qbr-metrics']);
    expect(res.json.data.sources[0]).toMatchObject({ is_stale: true, reason: 'Never collected on this installation.', mode: 'unconfigured' });
    expect(res.json.data.sources[2]).toMatchObject({ is_stale: false, last_run_status: 'completed' });
  });
});

describe('POST /api/qbr/refresh', () => {
  it('queues the chosen QBR jobs with a run each, for superusers only', async () => {
    expect((await post(refresh.POST, '/api/qbr/refresh', tokens.adminA, {})).status).toBe(403);
    expect((await post(refresh.POST, '/api/qbr/refresh', tokens.super, { jobs: ['qbr-metrics'], period: '2025-Q5' })).status).toBe(422);
    expect((await post(refresh.POST, '/api/qbr/refresh', tokens.super, { jobs: ['ninja'] })).status).toBe(422);
    const res = await post(refresh.POST, '/api/qbr/refresh', tokens.super, { jobs: ['qbr-metrics'], period: '2025-Q1' });
    expect(res.status).toBe(202);
    expect(res.json.data.runs).toEqual([{ job_name: 'qbr-metrics', job_id: expect.stringMatching(/^qm_[0-9a-f]{8}$/), status: 'queued' }]);
    const run = await db.selectFrom('job_runs').select(['status', 'job_name']).where('job_id', '=', res.json.data.runs[0].job_id).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'queued', job_name: 'qbr-metrics' });
    const boss = await getBoss();
    const queued = await boss.fetch<{ run_id: string; period: string }>('qbr-metrics');
    expect(queued?.[0]?.data).toEqual({ run_id: res.json.data.runs[0].job_id, period: '2025-Q1' });
  });
});
