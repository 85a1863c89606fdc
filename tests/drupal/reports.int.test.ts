import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as moduleUpdates from '@/app/api/v1/reports/module-updates/route';
import * as patchReport from '@/app/api/v1/reports/patch-run/route';
import * as patchRun from '@/app/api/v1/sites/[id]/patch-run/route';
import type { SiteModuleStatus } from '@/db/types-domain/drupal';
import { reportModules } from './helpers';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

// Every expected number below is worked out by hand from the dates set up here.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let auth: Record<'super' | 'adminA' | 'devA' | 'viewerA' | 'adminB', { authorization: string }>;

async function report(siteId: number, organizationId: number, receivedAt: string, modules: { name: string; version: string; type?: string }[]) {
  await reportModules(database.db, { siteId, organizationId, modules, receivedAt });
}

async function release(project: string, version: string, date: string, security = false) {
  const found = await database.db.selectFrom('modules').select('id').where('module_name', '=', project).executeTakeFirstOrThrow();
  await database.db
    .insertInto('module_versions')
    .values({ module_id: found.id, version_number: version, release_date: new Date(date), is_security_release: security, is_published: true })
    .onConflict((oc) => oc.columns(['module_id', 'version_number']).doUpdateSet({ release_date: new Date(date), is_security_release: security }))
    .execute();
}

function postRun(siteId: number, body: unknown, headers: { authorization: string }) {
  const id = String(siteId);
  return call(patchRun.POST, `/api/v1/sites/${id}/patch-run`, { method: 'POST', headers, params: { id }, body });
}

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  const bearer = async (id: number) => ({ authorization: await bearerFor(database.db, id) });
  auth = {
    super: await bearer(world.superuser.id),
    adminA: await bearer(world.adminA.id),
    devA: await bearer(world.devA.id),
    viewerA: await bearer(world.viewerA.id),
    adminB: await bearer(world.adminB.id),
  };
  await report(world.siteA, world.orgA, '2026-03-02T00:00:00Z', [
    { name: 'drupal', version: '10.3.0', type: 'core' },
    { name: 'token', version: '8.x-1.13' },
    { name: 'paragraphs', version: '8.x-1.17' },
  ]);
  await report(world.siteB, world.orgB, '2026-03-01T00:00:00Z', [{ name: 'token', version: '8.x-1.14' }]);
  await release('token', '8.x-1.14', '2026-03-01T00:00:00Z');
  await release('token', '8.x-1.15', '2026-03-10T00:00:00Z', true);
  await release('paragraphs', '8.x-1.18', '2026-03-05T00:00:00Z', true);
  await release('drupal', '10.3.1', '2026-03-08T00:00:00Z');
  await report(world.siteA, world.orgA, '2026-03-12T00:00:00Z', [
    { name: 'drupal', version: '10.3.0', type: 'core' },
    { name: 'token', version: '8.x-1.15' },
    { name: 'paragraphs', version: '8.x-1.18' },
  ]);
});
afterAll(async () => database.drop());

describe('patch runs', () => {
  it('derives a run from the version changes reports showed: from → to, lag and security', async () => {
    const res = await postRun(world.siteA, { run_date: '2026-03-12T12:00:00Z', notes: 'March cycle' }, auth.devA);
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ source: 'history', update_count: 2, security_update_count: 2, notes: 'March cycle' });
    const items = Object.fromEntries(res.json.data.items.map((i: { project: string }) => [i.project, i]));
    // token: released 03-10, applied (first seen) 03-12 → 2 days; crosses the 8.x-1.15 security release.
    expect(items.token).toMatchObject({ from_version: '8.x-1.13', to_version: '8.x-1.15', lag_days: 2, is_security: true });
    // paragraphs: released 03-05, applied 03-12 → 7 days.
    expect(items.paragraphs).toMatchObject({ from_version: '8.x-1.17', to_version: '8.x-1.18', lag_days: 7, is_security: true });
  });

  it('records explicit items, refuses unknown projects and bad versions, and authorises', async () => {
    const manual = await postRun(
      world.siteA,
      { run_date: '2026-04-07T00:00:00Z', items: [{ project: 'drupal', from_version: '10.3.0', to_version: '10.3.1' }] },
      auth.adminA,
    );
    expect(manual.status).toBe(201);
    // 03-08 → 04-07 is 30 days.
    expect(manual.json.data.items[0]).toMatchObject({ lag_days: 30, is_security: false });
    const b = await postRun(
      world.siteB,
      { run_date: '2026-03-20T00:00:00Z', items: [{ project: 'token', from_version: '8.x-1.14', to_version: '8.x-1.15' }] },
      auth.adminB,
    );
    expect(b.json.data.items[0]).toMatchObject({ lag_days: 10, is_security: true });

    expect((await postRun(world.siteA, { items: [{ project: 'nope', to_version: '1.0.0' }] }, auth.devA)).status).toBe(422);
    expect((await postRun(world.siteA, { items: [{ project: 'token', to_version: 'abc' }] }, auth.devA)).status).toBe(422);
    expect((await postRun(world.siteA, {}, auth.viewerA)).status).toBe(403);
    expect((await postRun(world.siteB, {}, auth.adminA)).status).toBe(404);
  });

  it('lists a site’s runs newest first', async () => {
    const id = String(world.siteA);
    const res = await call(patchRun.GET, `/api/v1/sites/${id}/patch-run`, { headers: auth.viewerA, params: { id } });
    expect(res.status).toBe(200);
    expect(res.json.meta.total).toBe(2);
    expect(res.json.data.map((r: { run_date: string }) => r.run_date)).toEqual(['2026-04-07T00:00:00.000Z', '2026-03-12T12:00:00.000Z']);
  });
});

describe('GET /api/v1/reports/patch-run', () => {
  const get = (query: string, headers: { authorization: string }) => call(patchReport.GET, `/api/v1/reports/patch-run?${query}`, { headers });

  it('gives weekly trends, medians and rows matching the hand-computed figures', async () => {
    const res = await get('from=2026-01-01&to=2027-01-01&period=week', auth.super);
    expect(res.status).toBe(200);
    // Lags 2, 7, 30 (site A) and 10 (site B): median (7 + 10) / 2; security lags 2, 7, 10.
    expect(res.json.data.summary).toEqual({ updates: 4, security_updates: 3, sites: 2, patch_runs: 3, median_lag_days: 8.5, median_security_lag_days: 7 });
    expect(res.json.data.trends).toEqual([
      { period_start: '2026-03-09', updates: 2, security_updates: 2, sites: 1, median_lag_days: 4.5, median_security_lag_days: 4.5 },
      { period_start: '2026-03-16', updates: 1, security_updates: 1, sites: 1, median_lag_days: 10, median_security_lag_days: 10 },
      { period_start: '2026-04-06', updates: 1, security_updates: 0, sites: 1, median_lag_days: 30, median_security_lag_days: null },
    ]);
    expect(res.json.meta).toEqual({ page: 1, per_page: 25, total: 4 });
    expect(res.json.data.rows[0]).toMatchObject({ project: 'drupal', lag_days: 30 });
  });

  it('gives monthly trends, a year-to-date summary, and scopes to the caller’s organisation', async () => {
    const monthly = await get('period=month', auth.super);
    expect(monthly.json.data.trends.map((t: { period_start: string; updates: number; median_lag_days: number }) => [t.period_start, t.updates, t.median_lag_days])).toEqual([
      ['2026-03-01', 3, 7],
      ['2026-04-01', 1, 30],
    ]);
    const expectedYtd = new Date().getUTCFullYear() === 2026 ? 4 : 0;
    expect(monthly.json.data.ytd.updates).toBe(expectedYtd);
    const a = await get('period=month', auth.viewerA);
    expect(a.json.data.summary).toMatchObject({ updates: 3, sites: 1, median_lag_days: 7 });
    const filtered = await get(`project=token`, auth.super);
    expect(filtered.json.data.summary).toMatchObject({ updates: 2, median_lag_days: 6 });
  });

  it('downloads the rows as CSV and Excel', async () => {
    const csv = await get('format=csv', auth.super);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('Organisation,Site,Project,From,To,Released,Applied,Lag (days),Security,Patch run');
    expect(lines).toHaveLength(6); // header, four rows, trailing CRLF
    expect(lines[1]).toMatch(/^Tenant A,site-a,drupal,10\.3\.0,10\.3\.1,2026-03-08T00:00:00\.000Z,2026-04-07T00:00:00\.000Z,30,no,\d+$/);
  });
});

describe('GET /api/v1/reports/module-updates', () => {
  beforeAll(async () => {
    // Verdicts as the release job would leave them.
    const set = async (siteId: number, project: string, flags: { security_update: boolean; update_available: boolean; status: SiteModuleStatus }) => {
      const found = await database.db.selectFrom('modules').select('id').where('module_name', '=', project).executeTakeFirstOrThrow();
      await database.db.updateTable('site_modules').set({ ...flags, recommended_version: '9.9.9' }).where('site_id', '=', siteId).where('module_id', '=', found.id).execute();
    };
    await set(world.siteA, 'token', { security_update: true, update_available: true, status: 'security_update_required' });
    await set(world.siteA, 'paragraphs', { security_update: false, update_available: true, status: 'update_available' });
    await set(world.siteB, 'token', { security_update: false, update_available: true, status: 'update_available' });
  });
  const get = (query: string, headers: { authorization: string }) => call(moduleUpdates.GET, `/api/v1/reports/module-updates?${query}`, { headers });

  it('counts and lists updates, security first, by organisation and project', async () => {
    const res = await get('', auth.super);
    expect(res.status).toBe(200);
    expect(res.json.data.counts).toMatchObject({ rows: 3, sites: 2, projects: 2, security_updates: 1, other_updates: 2, accepted_risks: 0 });
    expect(res.json.data.counts.by_organization).toEqual([
      { organization_id: world.orgA, organization_name: 'Tenant A', sites: 1, security_updates: 1, other_updates: 1 },
      { organization_id: world.orgB, organization_name: 'Tenant B', sites: 1, security_updates: 0, other_updates: 1 },
    ]);
    expect(res.json.data.counts.by_project[0]).toEqual({ project: 'token', sites: 2, security_updates: 1, other_updates: 1 });
    expect(res.json.data.rows[0]).toMatchObject({ site_id: world.siteA, project: 'token', security_update: true });
    expect(res.json.meta.total).toBe(3);
    const paged = await get('per_page=1&page=2', auth.super);
    expect(paged.json.data.rows).toHaveLength(1);
    expect(paged.json.links.prev).toContain('page=1');
  });

  it('scopes to the caller and filters by site and project', async () => {
    const b = await get('', auth.adminB);
    expect(b.json.data.rows.map((r: { site_id: number }) => r.site_id)).toEqual([world.siteB]);
    expect((await get(`site_id=${world.siteB}`, auth.viewerA)).json.data.counts.rows).toBe(0);
    expect((await get('project=paragraphs', auth.super)).json.data.counts).toMatchObject({ rows: 1, other_updates: 1 });
    expect((await get('security_only=true', auth.super)).json.data.counts.rows).toBe(1);
  });

  it('downloads as Excel with typed cells and a frozen header', async () => {
    const res = await call(moduleUpdates.GET, '/api/v1/reports/module-updates?format=xlsx', { headers: auth.super });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const raw = await (await moduleUpdates.GET(new Request('http://localhost/api/v1/reports/module-updates?format=xlsx', { headers: auth.super }), { params: Promise.resolve({}) })).arrayBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell('D2').value).toBe('token');
    expect(sheet.getCell('J2').value).toBe(true);
    expect(sheet.getCell('N2').value).toBeInstanceOf(Date);
  });
});
