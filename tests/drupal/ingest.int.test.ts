import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as siteModules from '@/app/api/v1/sites/[id]/modules/route';
import { applyReportsJob } from '@/lib/drupal/jobs';
import { executeJob } from '@/lib/jobs/execute';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { readFixture } from '@/lib/drupal/__fixtures__/paths';
import { apiKeyFor } from './helpers';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let siteKey: string;

const fixture = (name: string) => JSON.parse(readFixture(name)) as Record<string, unknown>;
const composerLock = () => JSON.parse(readFixture('composer.site-d.d10-3-10.lock.json'));

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  siteKey = await apiKeyFor(database.db, { organizationId: world.orgA, siteId: world.siteA });
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

function post(siteId: number, body: unknown, headers: Record<string, string>) {
  const id = String(siteId);
  return call(siteModules.POST, `/api/v1/sites/${id}/modules`, { method: 'POST', headers, params: { id }, body });
}

const applyJob = applyReportsJob;
const apply = (siteId?: number) => executeJob(database.db, applyJob, siteId === undefined ? {} : { site_id: siteId });

async function siteModulesOf(siteId: number) {
  return database.db
    .selectFrom('site_modules')
    .innerJoin('modules', 'modules.id', 'site_modules.module_id')
    .select(['modules.module_name', 'current_version', 'type', 'enabled', 'extensions', 'removed_at', 'last_seen', 'first_seen'])
    .where('site_id', '=', siteId)
    .orderBy('modules.module_name')
    .execute();
}

async function historyOf(siteId: number, project: string) {
  return database.db
    .selectFrom('site_module_history')
    .innerJoin('modules', 'modules.id', 'site_module_history.module_id')
    .select(['version', 'previous_version', 'first_seen', 'last_seen', 'report_id'])
    .where('site_id', '=', siteId)
    .where('modules.module_name', '=', project)
    .orderBy('site_module_history.id')
    .execute();
}

const reportCount = async () => Number((await database.db.selectFrom('module_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/sites/{site_id}/modules', () => {
  it('accepts raw drush pm:list output with the site’s key: stored durably and queued in the same transaction', async () => {
    const res = await post(world.siteA, fixture('drush-pm-list.site-a.d10-3-10.json'), { 'x-api-key': siteKey });
    expect(res.status).toBe(202);
    expect(res.json.data).toMatchObject({
      site_id: world.siteA,
      format: 'drush-pm-list',
      status: 'pending',
      duplicate: false,
      counts: { core: 1, custom: 3, themes: 1 },
    });
    const reportId = res.json.data.report_id as number;
    const stored = await database.db.selectFrom('module_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'pending', format: 'drush-pm-list', site_id: world.siteA, organization_id: world.orgA });
    expect((stored.payload as Record<string, unknown>).purge_ui).toBeDefined();
    // One apply queued for the site, whatever the number of its reports waiting.
    const queued = await (await getBoss()).findJobs<{ site_id: number }>(applyReportsJob.name, { data: { site_id: world.siteA } });
    expect(queued).toHaveLength(1);
  });

  it('applies the report: submodules collapse, core maps to drupal, custom code is kept, history starts', async () => {
    const outcome = await apply(world.siteA);
    expect(outcome.status).toBe('completed');
    const rows = await siteModulesOf(world.siteA);
    const byName = Object.fromEntries(rows.map((r) => [r.module_name, r]));
    expect(byName.drupal).toMatchObject({ current_version: '10.3.10', type: 'core' });
    expect(byName.purge).toMatchObject({ current_version: '8.x-3.6', type: 'module' });
    expect(byName.purge!.extensions).toEqual(['purge', 'purge_processor_cron', 'purge_queuer_coretags', 'purge_ui']);
    expect(byName.acme_core).toMatchObject({ type: 'custom', current_version: null });
    expect(byName.gin).toMatchObject({ type: 'theme', current_version: '4.0.2' });
    expect(byName.webform).toMatchObject({ enabled: true });
    expect(rows.some((r) => r.module_name === 'purge_ui')).toBe(false);
    expect(await historyOf(world.siteA, 'drupal')).toHaveLength(1);
    const report = await database.db.selectFrom('module_reports').select(['status', 'processed_at', 'result']).executeTakeFirstOrThrow();
    expect(report.status).toBe('processed');
    expect(report.result).toMatchObject({ added: rows.length, changed: 0, unchanged: 0, removed: 0 });
    // Release data is requested for drupal.org projects only, never for custom code.
    const caches = await database.db
      .selectFrom('module_release_caches')
      .innerJoin('modules', 'modules.id', 'module_release_caches.module_id')
      .select('modules.module_name')
      .execute();
    const cached = caches.map((c) => c.module_name);
    expect(cached).toContain('drupal');
    expect(cached).toContain('purge');
    expect(cached).not.toContain('acme_core');
  });

  it('is idempotent: a second delivery changes nothing; an identical report moves only last_seen', async () => {
    const before = await siteModulesOf(world.siteA);
    await apply(world.siteA);
    expect(await siteModulesOf(world.siteA)).toEqual(before);

    const again = await post(world.siteA, fixture('drush-pm-list.site-a.d10-3-10.json'), { 'x-api-key': siteKey });
    expect(again.status).toBe(202);
    await apply(world.siteA);
    const after = await siteModulesOf(world.siteA);
    expect(after.map(({ last_seen: _l, ...rest }) => rest)).toEqual(before.map(({ last_seen: _l, ...rest }) => rest));
    expect(after[0]!.last_seen.getTime()).toBeGreaterThan(before[0]!.last_seen.getTime());
    const history = await historyOf(world.siteA, 'drupal');
    expect(history).toHaveLength(1);
    expect(history[0]!.last_seen.getTime()).toBe(after.find((r) => r.module_name === 'drupal')!.last_seen.getTime());
  });

  it('records version changes as history with first and last seen, and modules that disappear', async () => {
    const report = fixture('drush-pm-list.site-a.d10-3-10.json') as Record<string, { version: string | null; project: string }>;
    for (const extension of Object.values(report)) {
      if (extension.project === '' && extension.version === '10.3.10') extension.version = '10.3.11';
    }
    delete report.twig_tweak;
    expect((await post(world.siteA, report, { 'x-api-key': siteKey })).status).toBe(202);
    await apply(world.siteA);
    const history = await historyOf(world.siteA, 'drupal');
    expect(history.map((h) => [h.previous_version, h.version])).toEqual([
      [null, '10.3.10'],
      ['10.3.10', '10.3.11'],
    ]);
    expect(history[1]!.first_seen.getTime()).toBeGreaterThan(history[0]!.last_seen.getTime());
    const twig = (await siteModulesOf(world.siteA)).find((r) => r.module_name === 'twig_tweak')!;
    expect(twig.removed_at).toBeInstanceOf(Date);
  });

  it('accepts composer.lock and the canonical shape, from an organisation key or a developer', async () => {
    const orgKey = await apiKeyFor(database.db, { organizationId: world.orgA, role: 'developer' });
    const lock = await post(world.siteA, composerLock(), { 'x-api-key': orgKey });
    expect(lock.status).toBe(202);
    expect(lock.json.data.format).toBe('composer-lock');
    const dev = { authorization: await bearerFor(database.db, world.devA.id) };
    const canonical = await post(world.siteA, { modules: [{ name: 'drupal', version: '10.3.11', type: 'core' }, { name: 'token', version: '8.x-1.15' }] }, dev);
    expect(canonical.status).toBe(202);
    expect(canonical.json.data).toMatchObject({ format: 'canonical', counts: { projects: 2, core: 1, modules: 1 } });
    await apply(world.siteA);
    const statuses = await database.db.selectFrom('module_reports').select('status').execute();
    expect(statuses.every((s) => s.status === 'processed')).toBe(true);
  });

  it('answers the documented errors and stores nothing for them', async () => {
    const before = await reportCount();
    const id = String(world.siteA);
    const headers = { 'x-api-key': siteKey };
    const raw = (rawBody: string, extra: Record<string, string> = {}) =>
      call(siteModules.POST, `/api/v1/sites/${id}/modules`, { method: 'POST', params: { id }, rawBody, headers: { ...headers, 'content-type': 'application/json', ...extra } });

    expect((await raw('{"truncated": {"type": "mod')).status).toBe(400);
    const unknown = await post(world.siteA, { hello: 'world' }, headers);
    expect(unknown.status).toBe(422);
    expect(unknown.json.details.code).toBe('unknown_format');
    const tooMany = await post(world.siteA, { modules: Array.from({ length: 10_001 }, (_, i) => ({ name: `m${i}`, version: '1.0.0' })) }, headers);
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.details.code).toBe('too_many_entries');
    const badVersion = await post(world.siteA, { modules: [{ name: 'token', version: 'abc' }] }, headers);
    expect(badVersion.status).toBe(202);
    expect(badVersion.json.data.warnings[0]).toMatch(/unreadable version "abc"/);
    expect((await raw('{}', { 'content-length': String(50 * 1024 * 1024) })).status).toBe(413);
    expect((await post(world.siteA, 'not an object', headers)).status).toBe(422);

    // Another site, another tenant, a viewer, an unknown site.
    expect((await post(world.siteB, { modules: [] }, headers)).status).toBe(404);
    const keyB = await apiKeyFor(database.db, { organizationId: world.orgB });
    expect((await post(world.siteA, { modules: [] }, { 'x-api-key': keyB })).status).toBe(404);
    const viewerKey = await apiKeyFor(database.db, { organizationId: world.orgA, role: 'viewer' });
    expect((await post(world.siteA, { modules: [] }, { 'x-api-key': viewerKey })).status).toBe(403);
    expect((await post(world.siteA, { modules: [] }, { authorization: await bearerFor(database.db, world.viewerA.id) })).status).toBe(403);
    expect((await post(999_999, { modules: [] }, headers)).status).toBe(404);
    expect(await reportCount()).toBe(before + 1); // only the accepted one with the warning
  });

  it('answers a repeated Idempotency-Key with the first report instead of storing it twice', async () => {
    const headers = { 'x-api-key': siteKey, 'idempotency-key': 'cron-2026-11-22T10:00' };
    const first = await post(world.siteA, { modules: [{ name: 'token', version: '8.x-1.15' }] }, headers);
    const second = await post(world.siteA, { modules: [{ name: 'token', version: '8.x-1.15' }] }, headers);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.json.data).toMatchObject({ report_id: first.json.data.report_id, duplicate: true });
    await apply(world.siteA);
  });
});

describe('concurrent ingestion of one site', () => {
  it('applies every report exactly once, in arrival order, whatever the number of workers', async () => {
    const site = (
      await database.db
        .insertInto('sites')
        .values({ name: 'busy', url: 'https://busy.example.test', organization_id: world.orgA })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const key = await apiKeyFor(database.db, { organizationId: world.orgA, siteId: site });
    const versions = Array.from({ length: 12 }, (_, i) => `8.x-1.${i}`);
    const posted = await Promise.all(
      versions.map((version) => post(site, { modules: [{ name: 'token', version }, { name: 'drupal', version: '10.3.10', type: 'core' }] }, { 'x-api-key': key })),
    );
    expect(posted.every((r) => r.status === 202)).toBe(true);
    // Three workers deliver the site's jobs at once, plus a sweep of everything pending.
    await Promise.all([apply(site), apply(site), apply(site), apply()]);

    const reports = await database.db.selectFrom('module_reports').select(['id', 'status', 'payload']).where('site_id', '=', site).orderBy('id').execute();
    expect(reports).toHaveLength(12);
    expect(reports.every((r) => r.status === 'processed')).toBe(true);
    const inArrivalOrder = reports.map((r) => (r.payload as { modules: { version: string }[] }).modules[0]!.version);
    const history = await historyOf(site, 'token');
    // One history row per version change, in the order the reports were stored.
    expect(history.map((h) => h.version)).toEqual(inArrivalOrder);
    expect(new Set(history.map((h) => h.report_id)).size).toBe(12);
    const token = (await siteModulesOf(site)).find((r) => r.module_name === 'token')!;
    expect(token.current_version).toBe(inArrivalOrder.at(-1));
    expect(await historyOf(site, 'drupal')).toHaveLength(1);
  });
});
