import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as siteModules from '@/app/api/v1/sites/[id]/modules/route';
import { openDatabase, type Database } from '@/db/client';
import { setDatabaseForTests } from '@/db';
import { migrateToLatest } from '@/db/migrate';
import { applyReportsJob } from '@/lib/drupal/jobs';
import { executeDeliveries } from '@/lib/jobs/execute';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { testDbKind, createTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { apiKeyFor } from './helpers';

// Reports that arrive together share one commit (group commit), and every
// promise of the API still holds: a 202 means stored and queued, a replayed
// Idempotency-Key answers with the one stored report, a site's reports apply
// in arrival order, one pending apply per site, and nothing is lost when the
// process dies between the 202 and the apply.

let database: Database & { drop: () => Promise<void> };
let world: World;
let dataDir: string | null = null;

beforeAll(async () => {
  // On the embedded database, a data folder: the process's death is simulated by closing and reopening it.
  if (testDbKind() === 'pglite') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'msp-ingest-'));
    const opened = await openDatabase({ kind: 'pglite', dataDir });
    await migrateToLatest(opened.db);
    database = { ...opened, drop: () => opened.close() };
  } else database = await createTestDatabase();
  setDatabaseForTests(database);
  world = await seedWorld(database.db);
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function post(siteId: number, body: unknown, headers: Record<string, string>) {
  const id = String(siteId);
  return call(siteModules.POST, `/api/v1/sites/${id}/modules`, { method: 'POST', headers, params: { id }, body });
}

async function newSites(count: number) {
  const sites: { id: number; key: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = (
      await database.db
        .insertInto('sites')
        .values({ name: `grouped ${i}`, url: `https://grouped-${Date.now()}-${i}.example.test`, organization_id: world.orgA })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    sites.push({ id, key: await apiKeyFor(database.db, { organizationId: world.orgA, siteId: id }) });
  }
  return sites;
}

const report = (version: string) => ({ modules: [{ name: 'drupal', version: '10.3.10', type: 'core' }, { name: 'token', version }] });

/** Applies what the queue holds for the apply job, as a worker taking a batch would. */
async function workQueue(db: Database['db']) {
  const boss = await getBoss();
  const delivered = await boss.fetch<Record<string, unknown>>(applyReportsJob.name, { batchSize: 100, includeMetadata: true });
  if (delivered.length === 0) return 0;
  await executeDeliveries(
    db,
    applyReportsJob,
    delivered.map((d) => ({ data: d.data, retryCount: d.retryCount, retryLimit: d.retryLimit })),
  );
  await boss.complete(applyReportsJob.name, delivered.map((d) => d.id));
  return delivered.length;
}

describe('group commit of module reports', () => {
  it('stores reports that arrive together in one transaction, and answers each only once it is stored', async () => {
    const sites = await newSites(6);
    const answers = await Promise.all(
      sites.map(async (site, i) => {
        const res = await post(site.id, report(`8.x-1.${i}`), { 'x-api-key': site.key });
        // Answered means committed: the report is there for anyone to read.
        const stored = await database.db.selectFrom('module_reports').select('id').where('id', '=', res.json.data.report_id).executeTakeFirst();
        return { status: res.status, stored: Boolean(stored), id: res.json.data.report_id as number };
      }),
    );
    expect(answers.every((a) => a.status === 202 && a.stored)).toBe(true);
    // One commit for the group: the rows share the transaction that wrote them.
    const writers = await sql<{ n: number }>`
      select count(distinct xmin::text)::int as n from module_reports where id in (${sql.join(answers.map((a) => a.id))})`.execute(database.db);
    expect(writers.rows[0]!.n).toBeLessThan(sites.length);
    // Each report is audited, in the same transaction.
    const audited = await database.db.selectFrom('audit_logs').select('entity_id').where('action', '=', 'site.report').execute();
    expect(audited.map((a) => Number(a.entity_id))).toEqual(expect.arrayContaining(answers.map((a) => a.id)));
    await workQueue(database.db);
  });

  it('queues one pending apply per site, however many of its reports arrive, and a new one once the apply has begun', async () => {
    const [site] = await newSites(1);
    const headers = { 'x-api-key': site!.key };
    const posted = await Promise.all(['8.x-1.1', '8.x-1.2', '8.x-1.3'].map((v) => post(site!.id, report(v), headers)));
    expect(posted.every((r) => r.status === 202)).toBe(true);
    expect((await post(site!.id, report('8.x-1.4'), headers)).status).toBe(202);
    const boss = await getBoss();
    const queued = async () => (await boss.findJobs(applyReportsJob.name, { data: { site_id: site!.id } })).filter((j) => j.state === 'created');
    expect(await queued()).toHaveLength(1);

    expect(await workQueue(database.db)).toBeGreaterThanOrEqual(1);
    const reports = await database.db.selectFrom('module_reports').select(['status']).where('site_id', '=', site!.id).execute();
    expect(reports.map((r) => r.status)).toEqual(['processed', 'processed', 'processed', 'processed']);
    const token = await database.db
      .selectFrom('site_modules')
      .innerJoin('modules', 'modules.id', 'site_modules.module_id')
      .select('current_version')
      .where('site_id', '=', site!.id)
      .where('module_name', '=', 'token')
      .executeTakeFirstOrThrow();
    // The last report to arrive is what the site runs.
    expect(token.current_version).toBe('8.x-1.4');
    expect(await queued()).toHaveLength(0);
    expect((await post(site!.id, report('8.x-1.5'), headers)).status).toBe(202);
    expect(await queued()).toHaveLength(1);
    await workQueue(database.db);
  });

  it('stores one report for concurrent requests with the same Idempotency-Key and gives them all its answer', async () => {
    const [site] = await newSites(1);
    const headers = { 'x-api-key': site!.key, 'idempotency-key': 'cron-run-42' };
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(site!.id, report('8.x-1.7'), headers)));
    const ids = new Set(answers.map((a) => a.json.data.report_id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.json.data.duplicate === true)).toHaveLength(3);
    const stored = await database.db.selectFrom('module_reports').select('id').where('site_id', '=', site!.id).execute();
    expect(stored).toHaveLength(1);
    // A later replay gets the same answer again.
    const replay = await post(site!.id, report('8.x-1.7'), headers);
    expect(replay.status).toBe(200);
    expect(replay.json.data).toMatchObject({ report_id: [...ids][0], duplicate: true, counts: { projects: 2, core: 1 } });
    await workQueue(database.db);
  });

  it('loses nothing when the process dies between the 202 and the apply', async () => {
    const sites = await newSites(3);
    const answers = await Promise.all(sites.map((s) => post(s.id, report('8.x-1.9'), { 'x-api-key': s.key })));
    expect(answers.every((a) => a.status === 202)).toBe(true);

    // The process goes away: its queue client, its connections, everything it held in memory.
    await stopBoss();
    await database.close();
    const reopened = dataDir ? await openDatabase({ kind: 'pglite', dataDir }) : await openDatabase({ kind: 'postgres', url: database.url!, poolSize: 5 });
    database = { ...reopened, drop: dropAfterReopening(reopened) };
    setDatabaseForTests(database);

    // A new process's worker finds every report and its queued apply.
    await workQueue(database.db);
    const statuses = await database.db.selectFrom('module_reports').select('status').where('site_id', 'in', sites.map((s) => s.id)).execute();
    expect(statuses.map((s) => s.status)).toEqual(['processed', 'processed', 'processed']);
  });
});

/** Closes the reopened database, and drops the scratch database on PostgreSQL. */
function dropAfterReopening(reopened: Database): () => Promise<void> {
  return async () => {
    await reopened.close();
    if (!reopened.url) return;
    const name = new URL(reopened.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
