import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBatch, finishRun } from '@/lib/jobs/chain';
import { defineJob, type JobDefinition, type JobResult } from '@/lib/jobs/definition';
import { executeDeliveries, executeJob } from '@/lib/jobs/execute';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { queueBatch, queueDeliveries, queueingTransaction, queueRun } from '@/lib/jobs/queue-run';
import { createBatch, createRun, startRun } from '@/lib/jobs/runs';
import { useTestDatabase } from '@/tests/db';

// queueRun, the one way to queue a job, and chaining without polling: a run
// that must start after others is queued by the last of them to end. No
// worker runs here, so what the queue holds is exactly what was sent.

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

let serial = 0;
/** A job of its own for each test, so that queues and runs never mix. */
function testJob(run: JobDefinition['run'] = async () => ({ message: 'done' }), extra: Partial<JobDefinition> = {}): JobDefinition {
  serial += 1;
  return defineJob({
    name: `test-job-${serial}`,
    prefix: `t${serial}`,
    label: `Test job ${serial}`,
    description: 'A job of the tests',
    retryLimit: 0,
    retryDelaySeconds: 1,
    expireInSeconds: 60,
    run,
    ...extra,
  });
}

const runsOf = (job: JobDefinition) => database.db.selectFrom('job_runs').selectAll().where('job_name', '=', job.name).orderBy('created_at').execute();
const runById = (jobId: string) => database.db.selectFrom('job_runs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();
/** What the queue holds for a job: every job sent, in any state. */
const sentOf = async (job: JobDefinition) => (await getBoss()).findJobs<Record<string, unknown>>(job.name);

/** A run under way, as a worker would have it. */
async function runningRun(name = 'upstream', batchId: string | null = null) {
  const run = await createRun(database.db, { jobName: name, prefix: 'up', batchId });
  expect(await startRun(database.db, run.job_id)).toBe(true);
  return run.job_id;
}

describe('queueRun', () => {
  it('records a run and queues its job with the run id, creating the queue on first use', async () => {
    const job = testJob();
    const { run, isNew } = await queueRun(database.db, job, { period: '2025-Q1' });
    expect(isNew).toBe(true);
    expect(run).toMatchObject({ job_name: job.name, status: 'queued', batch_id: null });
    expect(run.job_id).toMatch(new RegExp(`^${job.prefix}_[0-9a-f]{8}$`));
    expect((await sentOf(job)).map((j) => j.data)).toEqual([{ period: '2025-Q1', run_id: run.job_id }]);
  });

  it('reuses the run already queued or running when exclusive, however many triggers arrive at once', async () => {
    for (let round = 0; round < 5; round++) {
      const job = testJob();
      const triggers = 3 + round;
      const answers = await Promise.all(Array.from({ length: triggers }, () => queueRun(database.db, job, {}, { exclusive: true })));
      const ids = new Set(answers.map((a) => a.run.job_id));
      expect(ids.size, `round ${round}`).toBe(1);
      expect(answers.filter((a) => a.isNew)).toHaveLength(1);
      expect(await runsOf(job)).toHaveLength(1);
      expect(await sentOf(job)).toHaveLength(1);
      // Still reused once it runs; a new one once it has ended.
      const [id] = ids;
      await startRun(database.db, id!);
      expect((await queueRun(database.db, job, {}, { exclusive: true })).run.job_id).toBe(id);
      await finishRun(database.db, id!, { status: 'completed' });
      const after = await queueRun(database.db, job, {}, { exclusive: true });
      expect(after.isNew).toBe(true);
      expect(after.run.job_id).not.toBe(id);
    }
  });

  it('queues one run per trigger when not exclusive', async () => {
    const job = testJob();
    await Promise.all([0, 1, 2].map(() => queueRun(database.db, job)));
    expect(await runsOf(job)).toHaveLength(3);
    expect(await sentOf(job)).toHaveLength(3);
  });

  it('in the caller’s transaction: a rollback leaves no run and no queued job; a commit leaves both', async () => {
    const job = testJob();
    const failing = queueingTransaction(database.db, [job], async (trx) => {
      await queueRun(trx, job, { n: 1 }, { trx });
      throw new Error('the caller’s work failed');
    });
    await expect(failing).rejects.toThrow('the caller’s work failed');
    expect(await runsOf(job)).toEqual([]);
    expect(await sentOf(job)).toEqual([]);

    const { run } = await queueingTransaction(database.db, [job], (trx) => queueRun(trx, job, { n: 2 }, { trx }));
    expect((await runsOf(job)).map((r) => r.job_id)).toEqual([run.job_id]);
    expect((await sentOf(job)).map((j) => j.data)).toEqual([{ n: 2, run_id: run.job_id }]);
  });

  it('refuses to queue in a transaction whose queue was not made ready before it opened', async () => {
    const job = testJob();
    await expect(database.db.transaction().execute((trx) => queueRun(trx, job, {}, { trx }))).rejects.toThrow(/open the transaction with queueingTransaction/);
    expect(await runsOf(job)).toEqual([]);
  });

  it('leaves no queued run behind when the queue refuses the job', async () => {
    const job = testJob();
    await expect(queueRun(database.db, job, {}, { send: { retryLimit: -1 } })).rejects.toThrow(/retryLimit/);
    expect(await runsOf(job)).toEqual([]);
    expect(await sentOf(job)).toEqual([]);
  });

  it('attaches new runs to one batch, created on first need, and names a batch that shows reused runs too', async () => {
    const [first, second] = [testJob(), testJob()];
    const reused = await queueRun(database.db, first, {}, { exclusive: true });
    const { batchId, runs } = await queueBatch(database.db, { requestedBy: 'test', message: 'both' }, [{ job: first }, { job: second }], { exclusive: true });
    expect(runs.map((r) => [r.run.job_id === reused.run.job_id, r.isNew])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(runs[1]!.run.batch_id).toBe(batchId);
    const shown = await database.db.selectFrom('job_batch_runs').select('job_id').where('batch_id', '=', batchId).execute();
    expect(shown.map((r) => r.job_id)).toEqual([reused.run.job_id]);
  });
});

describe('chaining without polling', () => {
  it('queues a run that waits for others only when the last of them has ended', async () => {
    const job = testJob();
    const [a, b] = [await runningRun(), await runningRun()];
    const { run } = await queueRun(database.db, job, { x: 1 }, { after: [a, b] });
    expect(run.status).toBe('queued');
    expect(await sentOf(job)).toEqual([]);
    await finishRun(database.db, a, { status: 'failed', error: 'x' });
    expect(await sentOf(job)).toEqual([]);
    await finishRun(database.db, b, { status: 'completed' });
    expect((await sentOf(job)).map((j) => j.data)).toEqual([{ x: 1, run_id: run.job_id }]);
    expect(await database.db.selectFrom('job_run_waits').select('job_id').where('job_id', '=', run.job_id).execute()).toEqual([]);
  });

  it('queues it exactly once when the runs it waits for end together', async () => {
    for (let round = 0; round < 8; round++) {
      const job = testJob();
      const upstream = await Promise.all(Array.from({ length: 2 + (round % 3) }, () => runningRun()));
      await queueRun(database.db, job, {}, { after: upstream });
      await Promise.all(upstream.map((id) => finishRun(database.db, id, { status: 'completed' })));
      expect(await sentOf(job), `round ${round}`).toHaveLength(1);
    }
  });

  it('queues it at once when the runs it names have already ended', async () => {
    const job = testJob();
    const ended = await runningRun();
    await finishRun(database.db, ended, { status: 'completed' });
    const { run } = await queueRun(database.db, job, {}, { after: [ended] });
    expect((await sentOf(job)).map((j) => j.data)).toEqual([{ run_id: run.job_id }]);
  });

  it('fails a waiting run that the queue refuses once released, instead of leaving it queued', async () => {
    const job = testJob();
    const upstream = await runningRun();
    const { run } = await queueRun(database.db, job, {}, { after: [upstream], send: { retryLimit: -1 } });
    await finishRun(database.db, upstream, { status: 'completed' });
    expect(await runById(run.job_id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Could not queue: .*retryLimit/) });
  });

  it('releases the runs waiting for a cancelled batch, and never queues a waiting run that was cancelled', async () => {
    const job = testJob();
    const batchId = await createBatch(database.db, {});
    const upstream = await runningRun('upstream', batchId);
    const waiting = await queueRun(database.db, job, {}, { after: [upstream] });
    expect(await cancelBatch(database.db, batchId)).toBe(true);
    expect((await sentOf(job)).map((j) => j.data)).toEqual([{ run_id: waiting.run.job_id }]);

    const other = testJob();
    const ownBatch = await createBatch(database.db, {});
    const stillRunning = await runningRun();
    const cancelled = await queueRun(database.db, other, {}, { after: [stillRunning], batch: { input: {}, id: ownBatch } });
    expect(await cancelBatch(database.db, ownBatch)).toBe(true);
    await finishRun(database.db, stillRunning, { status: 'completed' });
    expect(await sentOf(other)).toEqual([]);
    expect((await runById(cancelled.run.job_id)).status).toBe('cancelled');
  });

  it('queues the runs a completed run names as next, when it completes', async () => {
    const follower = testJob();
    const leader = testJob(async (): Promise<JobResult> => ({ message: 'led', next: [{ job: follower, data: { module_ids: [7] } }] }));
    const outcome = await executeJob(database.db, leader);
    expect(outcome.status).toBe('completed');
    const [queued] = await runsOf(follower);
    expect(queued).toMatchObject({ status: 'queued' });
    expect((await sentOf(follower)).map((j) => j.data)).toEqual([{ module_ids: [7], run_id: queued!.job_id }]);
  });

  it('puts a run that must wait back in the queue, to be queued again by the run it waits for', async () => {
    const upstream = await runningRun();
    let calls = 0;
    const job = testJob(async (ctx) => {
      calls += 1;
      const open = (await runById(upstream)).status === 'running';
      if (open) ctx.waitFor([upstream], 'Waiting for upstream');
      return { message: 'ran after upstream' };
    });
    const first = await executeJob(database.db, job);
    expect(first).toMatchObject({ status: 'waiting', message: 'Waiting for upstream' });
    expect(await runById(first.runId)).toMatchObject({ status: 'queued', message: 'Waiting for upstream' });
    expect(await sentOf(job)).toEqual([]);

    await finishRun(database.db, upstream, { status: 'completed' });
    const [sent] = await sentOf(job);
    expect(sent!.data).toEqual({ run_id: first.runId });
    const second = await executeJob(database.db, job, sent!.data);
    expect(second).toMatchObject({ runId: first.runId, status: 'completed', message: 'ran after upstream' });
    expect(calls).toBe(2);
  });

  it('queues a batch follow-up when a run of its leader completes, starting once the batch has ended', async () => {
    const follower = testJob();
    const leader = testJob(undefined, { afterBatch: () => [follower] });
    const batchId = await createBatch(database.db, {});
    const other = await runningRun('other', batchId);
    const led = await createRun(database.db, { jobName: leader.name, prefix: leader.prefix, batchId });
    expect((await executeJob(database.db, leader, { run_id: led.job_id })).status).toBe('completed');

    const followUps = await database.db.selectFrom('job_batches').select('batch_id').where('requested_by', '=', `after ${batchId}`).execute();
    expect(followUps).toHaveLength(1);
    const [waiting] = await runsOf(follower);
    expect(waiting).toMatchObject({ status: 'queued', batch_id: followUps[0]!.batch_id });
    expect(await sentOf(follower)).toEqual([]);
    await finishRun(database.db, other, { status: 'failed', error: 'x' });
    expect((await sentOf(follower)).map((j) => j.data)).toEqual([{ run_id: waiting!.job_id }]);

    // A leader that fails is followed by nothing.
    const lonelyBatch = await createBatch(database.db, {});
    const failed = await createRun(database.db, { jobName: leader.name, prefix: leader.prefix, batchId: lonelyBatch });
    const failingLeader = { ...leader, run: async () => Promise.reject(new Error('vendor down')) };
    await expect(executeJob(database.db, failingLeader, { run_id: failed.job_id })).rejects.toThrow('vendor down');
    expect(await database.db.selectFrom('job_batches').select('batch_id').where('requested_by', '=', `after ${lonelyBatch}`).execute()).toEqual([]);
  });
});

describe('deliveries taken in batches', () => {
  it('queues many deliveries in the caller’s transaction without run records, and runs a batch of them as one run', async () => {
    const seen: unknown[] = [];
    const job = testJob(
      async (_ctx, data) => {
        seen.push(data);
        return { message: 'batch done' };
      },
      { batchSize: 10 },
    );
    await queueingTransaction(database.db, [job], (trx) => queueDeliveries(trx, job, [{ site_id: 1 }, { site_id: 2 }, { site_id: 3 }]));
    expect(await runsOf(job)).toEqual([]);
    const delivered = await (await getBoss()).fetch<Record<string, unknown>>(job.name, { batchSize: 10, includeMetadata: true });
    expect(delivered).toHaveLength(3);
    // A scheduled run (queued with its run record) delivered in the same batch keeps its own run.
    const scheduled = await queueRun(database.db, job, {});
    const outcomes = await executeDeliveries(database.db, job, [
      ...delivered.map((d) => ({ data: d.data, retryCount: d.retryCount, retryLimit: d.retryLimit })),
      { data: { run_id: scheduled.run.job_id }, retryCount: 0, retryLimit: 0 },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['completed', 'completed']);
    expect(seen[0]).toEqual({ batch: expect.arrayContaining([{ site_id: 1 }, { site_id: 2 }, { site_id: 3 }]) });
    const runs = await runsOf(job);
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
  });

  it('rolls the deliveries back with the transaction, and refuses a job that is not taken in batches', async () => {
    const job = testJob(undefined, { batchSize: 5 });
    await expect(
      queueingTransaction(database.db, [job], async (trx) => {
        await queueDeliveries(trx, job, [{ site_id: 9 }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await sentOf(job)).toEqual([]);
    const single = testJob();
    await expect(queueingTransaction(database.db, [single], (trx) => queueDeliveries(trx, single, [{}]))).rejects.toThrow(/not delivered in batches/);
  });
});
