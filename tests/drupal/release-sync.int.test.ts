import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as siteModules from '@/app/api/v1/sites/[id]/modules/route';
import * as moduleVersions from '@/app/api/v1/modules/[id]/versions/route';
import { listDueProjects } from '@/db/queries/drupal/releases';
import { reportModules } from './helpers';
import { releaseSyncJob } from '@/lib/drupal/jobs';
import { createReleaseFetcher } from '@/lib/vendors/drupal/client';
import { parseReleaseHistory } from '@/lib/drupal/model/release-history';
import { syncReleaseHistories } from '@/lib/drupal/release-sync';
import { startReleaseHistorySimulator, type ReleaseHistorySimulator } from '@/lib/simulators/drupal-release-history';
import { assessUpdateStatus } from '@/lib/drupal/model/update-status';
import { verdictColumns } from '@/lib/drupal/verdicts';
import { resetEnvForTests } from '@/lib/core/env';
import { executeJob } from '@/lib/jobs/execute';
import { stopBoss } from '@/lib/jobs/queue';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { readReleaseHistoryFixture } from '@/lib/drupal/__fixtures__/paths';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let sim: ReleaseHistorySimulator;
let otherSite: number;

const xml = readReleaseHistoryFixture;
const SERVED: Record<string, string> = {
  drupal: 'drupal.sec.8.0.2.xml',
  aaa_update_test: 'aaa_update_test.sec.8.x-2.2_1.x_secure.xml',
  semver_test: 'semver_test.sec.8.1.2.xml',
  update_test_base_theme: 'update_test_base_theme.1_1-sec.xml',
};

function report(siteId: number, modules: { name: string; version: string | null; type?: string }[]) {
  return reportModules(database.db, { siteId, organizationId: world.orgA, modules });
}

async function verdicts(siteId: number) {
  const rows = await database.db
    .selectFrom('site_modules')
    .innerJoin('modules', 'modules.id', 'site_modules.module_id')
    .select(['modules.module_name', 'status', 'status_reason', 'update_available', 'security_update', 'recommended_version', 'latest_version', 'security_releases'])
    .where('site_id', '=', siteId)
    .execute();
  return Object.fromEntries(rows.map(({ module_name, ...rest }) => [module_name, rest]));
}

const moduleId = async (name: string) => (await database.db.selectFrom('modules').select('id').where('module_name', '=', name).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  sim = await startReleaseHistorySimulator(Object.fromEntries(Object.entries(SERVED).map(([project, file]) => [project, xml(file)])));
  otherSite = (
    await database.db
      .insertInto('sites')
      .values({ name: 'second', url: 'https://second.example.test', organization_id: world.orgA })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await report(world.siteA, [
    { name: 'drupal', version: '8.0.0', type: 'core' },
    { name: 'aaa_update_test', version: '8.x-1.0' },
    { name: 'semver_test', version: '8.0.0' },
    { name: 'update_test_base_theme', version: '8.x-1.0', type: 'theme' },
    { name: 'not_on_drupal_org', version: '1.0.0' },
    { name: 'our_custom', version: null, type: 'custom' },
  ]);
  await report(otherSite, [{ name: 'drupal', version: '8.0.2', type: 'core' }]);
});
afterAll(async () => {
  await sim.close();
  await stopBoss();
  await database.drop();
});

describe('release-history sync', () => {
  it('says "not fetched" before any release data exists', async () => {
    const before = await verdicts(world.siteA);
    expect(before.drupal).toMatchObject({ status: 'not_fetched', security_update: false });
    expect(before.our_custom).toMatchObject({ status: 'not_checked' });
  });

  it('fetches each project once, whatever the number of sites, and stores core’s verdict for every site', async () => {
    const summary = await syncReleaseHistories(database.db, { baseUrl: sim.url });
    expect(summary).toMatchObject({ projects: 5, fetched: 4, not_found: 1, failed: 0 });
    expect(sim.requests.matching('/drupal/current')).toHaveLength(1);
    // Custom code never leaves the building.
    expect(sim.requests.matching(/our_custom/)).toHaveLength(0);

    const a = await verdicts(world.siteA);
    expect(a.drupal).toMatchObject({ status: 'security_update_required', security_update: true, update_available: true, recommended_version: '8.0.2' });
    expect(a.update_test_base_theme).toMatchObject({ status: 'security_update_required', recommended_version: '8.x-1.1' });
    expect(a.aaa_update_test).toMatchObject({ status: 'update_available', security_update: false, recommended_version: '8.x-1.2' });
    expect(a.not_on_drupal_org).toMatchObject({ status: 'unknown', status_reason: 'No available releases found' });
    expect(a.our_custom).toMatchObject({ status: 'not_checked' });
    // Every stored verdict is exactly the engine's answer on the same data.
    for (const [project, file] of Object.entries(SERVED)) {
      const installed = { drupal: '8.0.0', aaa_update_test: '8.x-1.0', semver_test: '8.0.0', update_test_base_theme: '8.x-1.0' }[project]!;
      const expected = verdictColumns(assessUpdateStatus({ version: installed, coreVersion: '8.0.0' }, parseReleaseHistory(xml(file))));
      expect(a[project]).toEqual({ ...expected, status_reason: expected.status_reason });
    }
    expect((await verdicts(otherSite)).drupal).toMatchObject({ status: 'current', update_available: false, security_update: false });
  });

  it('lists a site’s modules security first, then other updates', async () => {
    const id = String(world.siteA);
    const res = await call(siteModules.GET, `/api/v1/sites/${id}/modules`, { headers: { authorization: await bearerFor(database.db, world.viewerA.id) }, params: { id } });
    expect(res.status).toBe(200);
    const names = res.json.data.map((m: { module_name: string }) => m.module_name);
    expect(names.slice(0, 2).sort()).toEqual(['drupal', 'update_test_base_theme']);
    expect(names[2]).toBe('aaa_update_test');
    expect(res.json.data[0].security_releases[0]).toMatchObject({ version: expect.any(String), release_link: expect.any(String) });
    expect(res.json.meta.total).toBe(6);
    const other = await call(siteModules.GET, `/api/v1/sites/${id}/modules`, { headers: { authorization: await bearerFor(database.db, world.adminB.id) }, params: { id } });
    expect(other.status).toBe(404);
  });

  it('serves a module’s versions with release dates and flags, only to tenants that run it', async () => {
    const id = String(await moduleId('drupal'));
    const res = await call(moduleVersions.GET, `/api/v1/modules/${id}/versions`, { headers: { authorization: await bearerFor(database.db, world.viewerA.id) }, params: { id } });
    expect(res.status).toBe(200);
    const byVersion = Object.fromEntries(res.json.data.map((v: { version_number: string }) => [v.version_number, v]));
    expect(byVersion['8.0.2']).toMatchObject({ is_security_release: true, is_insecure: false, release_date: expect.stringMatching(/^\d{4}-/) });
    expect(byVersion['8.0.0']).toMatchObject({ is_insecure: true, site_count: 1 });
    expect(byVersion['8.0.2'].site_count).toBe(1);
    const hidden = await call(moduleVersions.GET, `/api/v1/modules/${id}/versions`, { headers: { authorization: await bearerFor(database.db, world.adminB.id) }, params: { id } });
    expect(hidden.status).toBe(404);
  });

  it('asks again with ETag and changes nothing on 304', async () => {
    const ids = await Promise.all(Object.keys(SERVED).map(moduleId));
    const summary = await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: ids });
    expect(summary).toMatchObject({ not_modified: 4, fetched: 0, changed: 0 });
    expect(sim.requests.log.at(-1)!.status).toBe(304);
  });

  it('keeps the last good data when the server fails, serves HTML or is slow, and retries later', async () => {
    const drupal = await moduleId('drupal');
    const aaa = await moduleId('aaa_update_test');
    const semver = await moduleId('semver_test');
    const before = await verdicts(world.siteA);
    const started = new Date();

    sim.setFaults({ serverErrorCount: 10, htmlFor: ['aaa_update_test'] });
    const fast = createReleaseFetcher({ baseUrl: sim.url, retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 } });
    const failed = await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [drupal], fetcher: fast });
    expect(failed).toMatchObject({ failed: 1, changed: 0 });
    sim.resetFaults();
    sim.setFaults({ htmlFor: ['aaa_update_test'] });
    expect(await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [aaa], fetcher: fast })).toMatchObject({ failed: 1 });
    sim.resetFaults();
    sim.setFaults({ slowMs: 2_000 });
    const impatient = createReleaseFetcher({ baseUrl: sim.url, timeoutMs: 200, retry: { retries: 0 } });
    expect(await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [semver], fetcher: impatient })).toMatchObject({ failed: 1 });
    sim.resetFaults();

    expect(await verdicts(world.siteA)).toEqual(before);
    const caches = await database.db.selectFrom('module_release_caches').selectAll().where('module_id', 'in', [drupal, aaa, semver]).execute();
    for (const cache of caches) {
      expect(cache.fetch_status).toBe('error');
      expect(cache.history).not.toBeNull();
      expect(cache.last_error).toBeTruthy();
      expect(cache.next_fetch_at.getTime()).toBeGreaterThan(started.getTime() + 4 * 60_000);
    }
    expect(caches.find((c) => c.module_id === aaa)!.last_error).toMatch(/Unusable release history/);
    expect(caches.find((c) => c.module_id === semver)!.last_error).toMatch(/did not answer/);
  });

  it('says "not fetched" with the reason for a new project while the server is down, then recovers', async () => {
    sim.setFaults({ serverErrorCount: 10 });
    await report(world.siteA, [
      { name: 'drupal', version: '8.0.0', type: 'core' },
      { name: 'semver_test', version: '8.0.0' },
      { name: 'newcomer', version: '1.0.0' },
    ]);
    const newcomer = await moduleId('newcomer');
    const fast = createReleaseFetcher({ baseUrl: sim.url, retry: { retries: 0 } });
    await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [newcomer], fetcher: fast });
    expect((await verdicts(world.siteA)).newcomer).toMatchObject({ status: 'not_fetched', status_reason: expect.stringMatching(/Failed to get available update data/) });
    sim.resetFaults();
    sim.setProject('newcomer', xml('semver_test.sec.8.1.2.xml').replaceAll('semver_test', 'newcomer'));
    await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [newcomer] });
    expect((await verdicts(world.siteA)).newcomer!.status).not.toBe('not_fetched');
  });

  it('backs off on 429 honouring Retry-After, and keeps to the concurrency limit', async () => {
    const ids = await Promise.all(Object.keys(SERVED).map(moduleId));
    await database.db.updateTable('module_release_caches').set({ etag: null, last_modified: null }).execute();
    sim.requests.clear();
    sim.setFaults({ rateLimitOnce: { retryAfterSeconds: 1 }, slowMs: 100 });
    const summary = await syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: ids, concurrency: 2 });
    sim.resetFaults();
    expect(summary.failed).toBe(0);
    expect(sim.requests.log.filter((r) => r.status === 429)).toHaveLength(1);
    expect(sim.requests.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('refreshes every project at least daily', async () => {
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    const due = await listDueProjects(database.db, { now: tomorrow, limit: 100 });
    expect(due.map((d) => d.module_name).sort()).toEqual(['aaa_update_test', 'drupal', 'newcomer', 'not_on_drupal_org', 'semver_test', 'update_test_base_theme']);
    expect(await listDueProjects(database.db, { now: new Date(), limit: 100 })).toHaveLength(0);
  });

  it('runs as a job against DRUPAL_RELEASE_HISTORY_URL and records the run', async () => {
    process.env.DRUPAL_RELEASE_HISTORY_URL = sim.url;
    resetEnvForTests();
    try {
      const outcome = await executeJob(database.db, releaseSyncJob, { module_ids: [await moduleId('drupal')] });
      expect(outcome.status).toBe('completed');
      expect(outcome.message).toMatch(/^1 project\(s\) from http:\/\/127\.0\.0\.1/);
    } finally {
      delete process.env.DRUPAL_RELEASE_HISTORY_URL;
      resetEnvForTests();
    }
  });
});
