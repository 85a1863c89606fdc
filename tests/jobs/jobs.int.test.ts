import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRuntime } from '@/jobs/runtime';
import { purgeDeletedRecords } from '@/lib/admin/retention';
import { executeJob } from '@/lib/jobs/execute';
import { enqueue, stopBoss } from '@/lib/jobs/queue';
import { jobs } from '@/jobs/registry';
import type { JobDefinition } from '@/lib/jobs';
import { followRuns } from '@/db/queries/jobs';
import { cancelBatch, finishRun } from '@/lib/jobs/chain';
import { createBatch, createRun, startRun } from '@/lib/jobs/runs';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000);

async function waitForRun(jobId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${jobId} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('purge of soft-deleted records', () => {
  it('removes records deleted longer ago than the retention period and keeps the rest', async () => {
    const db = database.db;
    const old = await db.insertInto('organizations').values({ name: 'Old gone', is_deleted: true, deleted_at: daysAgo(200) }).returning('id').executeTakeFirstOrThrow();
    const recent = await db.insertInto('organizations').values({ name: 'Recently gone', is_deleted: true, deleted_at: daysAgo(5) }).returning('id').executeTakeFirstOrThrow();
    const oldUser = await db
      .insertInto('users')
      .values({ name: 'old user', email: 'old@example.test', hashed_password: 'x', organization_id: world.orgA, role: 'viewer', is_deleted: true, deleted_at: daysAgo(120) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const oldSite = await db
      .insertInto('sites')
      .values({ name: 'old site', url: 'https://old.example.test', organization_id: world.orgA, is_deleted: true, deleted_at: daysAgo(120) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('api_keys').values({ name: 'bound', prefix: 'abcdefgh', key_hash: 'h-bound', organization_id: world.orgA, role: 'developer', site_id: oldSite.id }).execute();
    await db.insertInto('audit_logs').values({ actor_type: 'system', actor_label: 'system', action: 'x.y', entity_type: 'user', entity_id: String(oldUser.id), status: 'success' }).execute();

    const counts = await purgeDeletedRecords(db, { retentionDays: 90 });
    expect(counts).toMatchObject({ organizations: 1, users: 1, sites: 1, api_keys: 1 });
    expect(await db.selectFrom('organizations').select('id').where('id', '=', old.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('organizations').select('id').where('id', '=', recent.id).executeTakeFirst()).toBeDefined();
    expect(await db.selectFrom('users').select('id').where('id', '=', oldUser.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('users').select('id').where('id', '=', world.adminA.id).executeTakeFirst()).toBeDefined();
    expect(await db.selectFrom('api_keys').select('id').where('key_hash', '=', 'h-bound').executeTakeFirst()).toBeUndefined();
    // The audit trail outlives what it describes.
    expect(await db.selectFrom('audit_logs').select('id').where('entity_id', '=', String(oldUser.id)).executeTakeFirst()).toBeDefined();
  });
});

describe('job runs', () => {
  it('records a run from queued to completed with its message and duration', async () => {
    const outcome = await executeJob(database.db, jobs['purge-deleted']!);
    expect(outcome.status).toBe('completed');
    const run = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', outcome.runId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ job_name: 'purge-deleted', status: 'completed', progress_percent: 100 });
    expect(run.job_id).toMatch(/^pd_[0-9a-f]{8}$/);
    expect(run.message).toMatch(/^Purged /);
    expect(run.duration_seconds).toBeGreaterThanOrEqual(0);
    expect(run.ended_at).toBeInstanceOf(Date);
  });

  it('records a failure with its error and rethrows it for the queue to retry', async () => {
    const failing: JobDefinition = {
      ...jobs['purge-deleted']!,
      name: 'always-fails',
      run: async (ctx) => {
        await ctx.progress(40, 'halfway');
        throw new Error('vendor said no');
      },
    };
    const batchId = await createBatch(database.db, {});
    const run = await createRun(database.db, { jobName: 'always-fails', prefix: 'xx', batchId });
    await expect(executeJob(database.db, failing, { run_id: run.job_id })).rejects.toThrow('vendor said no');
    const row = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', run.job_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: 'vendor said no', progress_percent: 40 });
    const batch = await database.db.selectFrom('job_batches').selectAll().where('batch_id', '=', batchId).executeTakeFirstOrThrow();
    expect(batch.status).toBe('failed');
    expect(batch.error).toContain('vendor said no');
  });

  it('stops a running job at its next progress report when the batch is cancelled', async () => {
    const batchId = await createBatch(database.db, {});
    const run = await createRun(database.db, { jobName: 'slow', prefix: 'sl', batchId });
    const slow: JobDefinition = {
      ...jobs['purge-deleted']!,
      name: 'slow',
      run: async (ctx) => {
        await ctx.progress(10, 'started');
        expect(await cancelBatch(database.db, batchId)).toBe(true);
        await ctx.progress(50, 'should not get here');
        return { message: 'finished anyway' };
      },
    };
    const outcome = await executeJob(database.db, slow, { run_id: run.job_id });
    expect(outcome.status).toBe('cancelled');
    const row = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', run.job_id).executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    expect(row.message).toBe('started');
  });

  it('delivers queued jobs through pg-boss to the workers', async () => {
    await startJobRuntime();
    const run = await createRun(database.db, { jobName: 'purge-deleted', prefix: 'pd' });
    expect(await enqueue('purge-deleted', { run_id: run.job_id })).toEqual(expect.any(String));
    const done = await waitForRun(run.job_id);
    expect(done.status).toBe('completed');
  });
});

describe('batch endings', () => {
  async function startedBatch(size: number) {
    const batchId = await createBatch(database.db, {});
    const runs = [];
    for (let i = 0; i < size; i++) {
      const run = await createRun(database.db, { jobName: `part-${i}`, prefix: 'pt', batchId });
      expect(await startRun(database.db, run.job_id)).toBe(true);
      runs.push(run.job_id);
    }
    return { batchId, runs };
  }

  it('ends a batch exactly once when its runs finish together', async () => {
    for (let round = 0; round < 12; round++) {
      const size = 2 + (round % 4);
      const { batchId, runs } = await startedBatch(size);
      const outcomes = await Promise.all(
        runs.map((jobId, i) => finishRun(database.db, jobId, i % 3 === 2 ? { status: 'failed', error: 'x' } : { status: 'completed' })),
      );
      expect(outcomes.flat(), `round ${round}`).toEqual([batchId]);
      const batch = await database.db.selectFrom('job_batches').selectAll().where('batch_id', '=', batchId).executeTakeFirstOrThrow();
      expect(batch.status).toBe(size > 2 ? 'failed' : 'completed');
      // Finishing a finished run ends nothing again.
      expect(await finishRun(database.db, runs[0]!, { status: 'completed' })).toEqual([]);
    }
  });

  it('keeps a batch that follows another batch\'s run in step with it', async () => {
    const { batchId: own, runs } = await startedBatch(2);
    const follower = await createBatch(database.db, {});
    await followRuns(database.db, follower, [runs[0]!]);
    expect(await finishRun(database.db, runs[0]!, { status: 'completed' })).toEqual([follower]);
    expect(await finishRun(database.db, runs[1]!, { status: 'completed' })).toEqual([own]);
    const rows = await database.db.selectFrom('job_batches').select(['batch_id', 'status', 'progress_percent']).where('batch_id', 'in', [own, follower]).execute();
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed']);
  });
});

describe('retries', () => {
  it('keeps an API-created run queued between attempts and records the final outcome once', async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      ...jobs['purge-deleted']!,
      name: 'flaky',
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('vendor hiccup');
        return { message: 'worked on the second try' };
      },
    };
    const run = await createRun(database.db, { jobName: 'flaky', prefix: 'fl' });
    await expect(executeJob(database.db, flaky, { run_id: run.job_id }, { retryCount: 0, retryLimit: 2 })).rejects.toThrow('vendor hiccup');
    const between = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', run.job_id).executeTakeFirstOrThrow();
    expect(between.status).toBe('queued');
    expect(between.message).toBe('Attempt 1 of 3 failed: vendor hiccup; retrying');
    const second = await executeJob(database.db, flaky, { run_id: run.job_id }, { retryCount: 1, retryLimit: 2 });
    expect(second.status).toBe('completed');
    const done = await database.db.selectFrom('job_runs').selectAll().where('job_id', '=', run.job_id).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'completed', message: 'worked on the second try', error: null });
  });
});

describe('queues', () => {
  it('creates the collector queues as singletons, so two workers never run one collector at once', async () => {
    const { getBoss } = await import('@/lib/jobs/queue');
    const boss = await getBoss();
    for (const name of ['ninja-collector', 'threatlocker-collector', 'connectwise-collector', 'quickbooks-collector']) {
      expect((await boss.getQueue(name))?.policy).toBe('singleton');
    }
    expect((await boss.getQueue('purge-deleted'))?.policy).toBe('standard');
  });
});
