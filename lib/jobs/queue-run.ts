import type { Db } from '@/db';
import { followRuns, lockRunQueueing, oldestOpenRun } from '@/db/queries/jobs';
import { recordWait } from './chain';
import type { JobDefinition } from './definition';
import { enqueue, enqueueMany, isQueuePrepared, prepareQueue, type QueueSendOptions } from './queue';
import { batchForRuns, createBatch, createRun, refreshBatch, type BatchInput, type JobRunRow } from './runs';

// The one way to queue a job, whoever asks (an API route, a page, the
// schedule, a run that chains the next, demo start-up): a job_runs record and
// a queued job, together.

/** A batch to create on first need, shared by the queueRun calls of one trigger. */
export type BatchPlan = { readonly input: BatchInput; id: string | null };
const batchPlan = (input: BatchInput): BatchPlan => ({ input, id: null });

export type QueueRunOptions = {
  /** Reuse the run of this job already queued or running, instead of queueing another. */
  exclusive?: boolean;
  /** The batch a new run belongs to (created on first need). */
  batch?: BatchPlan;
  /**
   * Queue inside the caller's transaction: the run and its job are committed,
   * or rolled back, with the caller's work. The queue must be ready first:
   * open the transaction with queueingTransaction.
   */
  trx?: Db;
  /** Start only when these runs have ended (the last of them to end queues it). */
  after?: readonly string[];
  send?: QueueSendOptions;
};

export type QueuedRun = { run: JobRunRow; isNew: boolean };

async function place(trx: Db, job: JobDefinition, data: Record<string, unknown>, options: QueueRunOptions): Promise<{ queued: QueuedRun; batchId: string | null }> {
  if (options.exclusive) {
    await lockRunQueueing(trx);
    const open = await oldestOpenRun(trx, job.name);
    if (open) return { queued: { run: open, isNew: false }, batchId: null };
  }
  const batchId = options.batch ? (options.batch.id ?? (await createBatch(trx, options.batch.input))) : null;
  const run = await createRun(trx, { jobName: job.name, prefix: job.prefix, batchId });
  const waiting = options.after && options.after.length > 0 ? await recordWait(trx, run.job_id, options.after, data, options.send) : false;
  if (!waiting) await enqueue(job.name, { ...data, run_id: run.job_id }, options.send, trx);
  return { queued: { run, isNew: true }, batchId };
}

/**
 * Queues a run of `job` with `data` (the worker receives it with `run_id`).
 * The record and the job are written in one transaction, so a send the
 * queue refuses leaves no run behind: the error is the caller's.
 */
export async function queueRun(db: Db, job: JobDefinition, data: Record<string, unknown> = {}, options: QueueRunOptions = {}): Promise<QueuedRun> {
  if (options.trx) {
    if (!(await isQueuePrepared(job.name))) {
      // On the embedded database, preparing it now would wait for the transaction, which waits for it.
      throw new Error(`The queue of ${job.name} is not ready: open the transaction with queueingTransaction`);
    }
    const { queued, batchId } = await place(options.trx, job, data, options);
    if (options.batch && batchId) options.batch.id = batchId;
    return queued;
  }
  await prepareQueue(job);
  const { queued, batchId } = await db.transaction().execute((trx) => place(trx, job, data, options));
  // Only once committed: a rolled-back batch must not be reused.
  if (options.batch && batchId) options.batch.id = batchId;
  return queued;
}

/**
 * Queues deliveries of a job that workers take in batches (its definition's
 * batchSize), inside the caller's transaction: one statement for all of
 * them, and no run record yet. The worker records one run per batch it
 * takes, so a burst of triggers (a report from each of a thousand sites)
 * becomes a few runs instead of a thousand. Open the transaction with
 * queueingTransaction.
 */
export async function queueDeliveries(trx: Db, job: JobDefinition, data: readonly Record<string, unknown>[]): Promise<void> {
  if (!job.batchSize || job.batchSize < 2) throw new Error(`${job.name} is not delivered in batches: queue it with queueRun`);
  if (!(await isQueuePrepared(job.name))) throw new Error(`The queue of ${job.name} is not ready: open the transaction with queueingTransaction`);
  await enqueueMany(job.name, data, trx);
}

/** A transaction in which runs of these jobs can be queued (queueRun with `trx`): their queues are made ready before it opens. */
export async function queueingTransaction<T>(db: Db, jobs: readonly JobDefinition[], work: (trx: Db) => Promise<T>): Promise<T> {
  for (const job of jobs) await prepareQueue(job);
  return db.transaction().execute(work);
}

/** One run of a trigger: `after: 'earlier'` starts it when the runs listed before it have ended, and gives it their ids as `data.after`. */
export type BatchStep = { job: JobDefinition; data?: Record<string, unknown>; after?: readonly string[] | 'earlier' };

/**
 * Queues the runs of one trigger and names the batch that shows them all:
 * a new batch for the new runs, which also follows the runs found under
 * way; without new runs, theirs when they share one, otherwise a new batch
 * that follows them. So the caller always has one batch to poll.
 */
export async function queueBatch(
  db: Db,
  input: BatchInput,
  steps: readonly BatchStep[],
  options: Pick<QueueRunOptions, 'exclusive' | 'send'> = {},
): Promise<{ batchId: string; runs: QueuedRun[] }> {
  const plan = batchPlan(input);
  const { batchId, follows, runs } = await queueingTransaction(
    db,
    steps.map((s) => s.job),
    async (trx) => {
      const runs: QueuedRun[] = [];
      for (const step of steps) {
        const earlier = runs.map((r) => r.run.job_id);
        const after = step.after === 'earlier' ? earlier : (step.after ?? []);
        const data = step.after === 'earlier' ? { ...step.data, after: earlier } : (step.data ?? {});
        runs.push(await queueRun(trx, step.job, data, { ...options, batch: plan, trx, after }));
      }
      const shown = runs.map((r) => r.run);
      if (!plan.id) return { ...(await batchForRuns(trx, shown, input)), runs };
      const others = shown.filter((r) => r.batch_id !== plan.id).map((r) => r.job_id);
      await followRuns(trx, plan.id, others);
      return { batchId: plan.id, follows: others.length > 0, runs };
    },
  );
  // After the commit, so that a followed run that finished meanwhile is counted.
  if (follows) await refreshBatch(db, batchId);
  return { batchId, runs };
}
