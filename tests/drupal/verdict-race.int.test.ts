import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingReports } from '@/lib/drupal/apply-reports';
import { parseReleaseHistory } from '@/lib/drupal/model/release-history';
import { assessUpdateStatus } from '@/lib/drupal/model/update-status';
import { verdictColumns } from '@/lib/drupal/verdicts';
import { syncReleaseHistories } from '@/lib/drupal/release-sync';
import { readReleaseHistoryFixture } from '@/lib/drupal/__fixtures__/paths';
import { startReleaseHistorySimulator, type ReleaseHistorySimulator } from '@/lib/simulators/drupal-release-history';
import { stopBoss } from '@/lib/jobs/queue';
import { testDbKind, useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';
import { reportModules } from './helpers';

// A verdict must not depend on which finished first: applying a site's report
// (which changes what the site runs) or storing new release data for one of
// its projects (which re-judges every site running it). Whichever commits
// last judges with what the other stored. On PostgreSQL the two are
// interleaved deterministically: a third connection holds a row lock the
// apply needs, so it stops mid-transaction after reading the release data,
// exactly where the race was; the test lets it go once the sync has reached
// its own point of contention.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let sim: ReleaseHistorySimulator;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  sim = await startReleaseHistorySimulator({
    drupal: readReleaseHistoryFixture('drupal.sec.8.0.2.xml'),
    aaa_update_test: readReleaseHistoryFixture('aaa_update_test.sec.8.x-2.2_1.x_secure.xml'),
  });
});
afterAll(async () => {
  await sim.close();
  await stopBoss();
  await database.drop();
});

async function newSite(name: string) {
  return (
    await database.db
      .insertInto('sites')
      .values({ name, url: `https://${name}.race.example.test`, organization_id: world.orgA })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const report = (siteId: number, modules: { name: string; version: string; type?: string }[]) =>
  reportModules(database.db, { siteId, organizationId: world.orgA, modules });

/** Stores a report without applying it. */
async function storeReport(siteId: number, modules: { name: string; version: string; type?: string }[]) {
  await database.db
    .insertInto('module_reports')
    .values({ site_id: siteId, organization_id: world.orgA, format: 'canonical', payload: JSON.stringify({ modules }), payload_sha256: 'x', size_bytes: 1, entry_count: modules.length, received_by: 'test' })
    .execute();
}

async function verdictOf(siteId: number, project: string) {
  return database.db
    .selectFrom('site_modules')
    .innerJoin('modules', 'modules.id', 'site_modules.module_id')
    .select(['current_version', 'status', 'recommended_version'])
    .where('site_id', '=', siteId)
    .where('module_name', '=', project)
    .executeTakeFirstOrThrow();
}

const moduleId = async (name: string) => (await database.db.selectFrom('modules').select('id').where('module_name', '=', name).executeTakeFirstOrThrow()).id;
const sync = async (project: string) => syncReleaseHistories(database.db, { baseUrl: sim.url, moduleIds: [await moduleId(project)] });

describe('applying a report while release data arrives', () => {
  it('judges with the stored release data in either order (one after the other)', async () => {
    const [first, second] = [await newSite('order-a'), await newSite('order-b')];
    await report(first, [{ name: 'drupal', version: '8.0.0', type: 'core' }]);
    await report(second, [{ name: 'drupal', version: '8.0.0', type: 'core' }]);
    expect((await verdictOf(first, 'drupal')).status).toBe('not_fetched');
    await sync('drupal');
    // A report applied after the data arrived is judged at once.
    await report(first, [{ name: 'drupal', version: '8.0.2', type: 'core' }]);
    expect(await verdictOf(first, 'drupal')).toMatchObject({ current_version: '8.0.2', status: 'current' });
    expect(await verdictOf(second, 'drupal')).toMatchObject({ current_version: '8.0.0', status: 'security_update_required' });
  });

  describe.skipIf(testDbKind() === 'pglite')('interleaved (PostgreSQL: the embedded database runs one transaction at a time)', () => {
    let blocker: pg.Client;
    beforeAll(async () => {
      blocker = new pg.Client({ connectionString: database.url });
      await blocker.connect();
    });
    afterAll(async () => blocker.end());

    /** Resolves once `count` connections of this database wait for a lock, or `done` settled first. */
    async function waiting(count: number, done: Promise<unknown>): Promise<boolean> {
      let settled = false;
      void done.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (let i = 0; i < 400 && !settled; i += 1) {
        const found = await blocker.query(
          `select count(distinct l.pid)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where not l.granted and a.datname = current_database()`,
        );
        if (found.rows[0].n >= count) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    }

    it('a report applied while release data is stored: the sync waits and judges what the report left', async () => {
      const [racing, other] = [await newSite('race-3'), await newSite('race-4')];
      await report(racing, [{ name: 'drupal', version: '8.0.0', type: 'core' }, { name: 'semver_test', version: '8.0.0' }]);
      await report(other, [{ name: 'drupal', version: '8.0.0', type: 'core' }, { name: 'semver_test', version: '8.0.0' }]);
      sim.setProject('semver_test', readReleaseHistoryFixture('semver_test.sec.8.1.2.xml'));
      // The apply will stop where it writes the racing site's modules, after reading the release data.
      await blocker.query('begin');
      await blocker.query(`select 1 from site_modules where site_id = $1 for update`, [racing]);
      await storeReport(racing, [{ name: 'drupal', version: '8.0.0', type: 'core' }, { name: 'semver_test', version: '8.1.2' }]);
      const applying = applyPendingReports(database.db, racing);
      expect(await waiting(1, applying)).toBe(true);

      // The sync stores semver_test's data meanwhile: it waits for the apply (or, were it not to, would judge the old version).
      const syncing = sync('semver_test');
      await waiting(2, syncing);
      await blocker.query('rollback');
      await Promise.all([syncing, applying]);

      // Each site's verdict is the engine's answer on the stored data for what the site runs now.
      const history = parseReleaseHistory(readReleaseHistoryFixture('semver_test.sec.8.1.2.xml'));
      const expected = (version: string) => verdictColumns(assessUpdateStatus({ version, coreVersion: '8.0.0' }, history)).status;
      expect(await verdictOf(racing, 'semver_test')).toMatchObject({ current_version: '8.1.2', status: expected('8.1.2') });
      expect(await verdictOf(other, 'semver_test')).toMatchObject({ current_version: '8.0.0', status: expected('8.0.0') });
      expect(expected('8.1.2')).not.toBe(expected('8.0.0'));
    });
  });
});
