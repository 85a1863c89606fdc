import type { Logger } from 'pino';
import type { Db } from '@/db';
import { batchesOfRun, batchRuns } from '@/db/queries/jobs';
import { logger } from '@/lib/core/logger';
import { deferRun, finishRun } from './chain';
import { JobCancelledError, RunWaitsError, type JobDefinition, type NextRun } from './definition';
import { queueBatch, queueRun } from './queue-run';
import { createRun, reportProgress, requeueRun, startRun } from './runs';

/** Which delivery this is, when the queue will try again after a failure. */
export type Attempt = { retryCount: number; retryLimit: number };

export type JobOutcome = { runId: string; status: 'completed' | 'failed' | 'cancelled' | 'waiting'; message: string; error?: string };

/**
 * Queues what a completed run chains: the runs it returned as `next`, and
 * its definition's `afterBatch` jobs for each batch it belongs to (starting
 * when that batch's other runs have ended). Never throws: the run has
 * completed either way, and the schedules catch up later.
 */
async function queueFollowing(db: Db, job: JobDefinition, runId: string, next: readonly NextRun[], log: Logger): Promise<void> {
  for (const n of next) {
    try {
      const { run } = await queueRun(db, n.job, n.data ?? {});
      log.info({ next: n.job.name, next_run: run.job_id }, 'next run queued');
    } catch (error) {
      log.error({ err: error, next: n.job.name }, 'next run could not be queued');
    }
  }
  const followers = job.afterBatch?.() ?? [];
  if (followers.length === 0) return;
  for (const batchId of await batchesOfRun(db, runId)) {
    const open = (await batchRuns(db, batchId)).filter((r) => r.status === 'queued' || r.status === 'running').map((r) => r.job_id);
    for (const follower of followers) {
      try {
        const queued = await queueBatch(
          db,
          { requestedBy: `after ${batchId}`, options: { jobs: [follower.name] }, message: `Starting ${follower.label}` },
          [{ job: follower, after: open }],
          { exclusive: true, send: { retryLimit: 0 } },
        );
        log.info({ batch_id: batchId, job: follower.name, follow_up: queued.batchId }, 'follow-up of a batch queued');
      } catch (error) {
        log.error({ err: error, batch_id: batchId, job: follower.name }, 'follow-up of a batch could not be queued');
      }
    }
  }
}

/**
 * Runs one job now and records it in job_runs: the run named in the data
 * when it was queued with one (queueRun), otherwise a new one (a delivery
 * without a run, `npm run jobs -- once`). Errors are recorded and rethrown
 * so that pg-boss can retry. A completed run queues what follows it.
 */
export async function executeJob(
  db: Db,
  job: JobDefinition,
  data: Record<string, unknown> = {},
  attempt: Attempt = { retryCount: 0, retryLimit: 0 },
): Promise<JobOutcome> {
  const runId = typeof data.run_id === 'string' ? data.run_id : (await createRun(db, { jobName: job.name, prefix: job.prefix })).job_id;
  const log = logger.child({ job: job.name, run_id: runId });
  if (!(await startRun(db, runId))) {
    log.info('run was cancelled before it started');
    return { runId, status: 'cancelled', message: 'Cancelled before it started' };
  }
  const waitFor = (runIds: readonly string[], message: string): never => {
    throw new RunWaitsError(runIds, message);
  };
  try {
    const { message, result, next } = await job.run(
      { db, log, runId, progress: (percent, msg) => reportProgress(db, runId, percent, msg), waitFor },
      data,
    );
    await finishRun(db, runId, { status: 'completed', message, result });
    log.info({ message }, 'job completed');
    await queueFollowing(db, job, runId, next ?? [], log);
    return { runId, status: 'completed', message };
  } catch (error) {
    if (error instanceof RunWaitsError) {
      await deferRun(db, job, runId, error.runIds, data, error.message);
      log.info({ waits_for: error.runIds }, 'run waits for others');
      return { runId, status: 'waiting', message: error.message };
    }
    if (error instanceof JobCancelledError) {
      await finishRun(db, runId, { status: 'cancelled', message: 'Cancelled' });
      return { runId, status: 'cancelled', message: 'Cancelled' };
    }
    const text = error instanceof Error ? error.message : String(error);
    // A run that was queued with its id keeps it across retries: back to queued until the last attempt.
    const willRetry = typeof data.run_id === 'string' && attempt.retryCount < attempt.retryLimit;
    if (willRetry) {
      log.warn({ err: error, attempt: attempt.retryCount + 1 }, 'job attempt failed; it will be retried');
      await requeueRun(db, runId, `Attempt ${attempt.retryCount + 1} of ${attempt.retryLimit + 1} failed: ${text}; retrying`);
    } else {
      log.error({ err: error }, 'job failed');
      await finishRun(db, runId, { status: 'failed', error: text, message: `Failed: ${text}` });
    }
    throw error;
  }
}

/** One delivery of a queued job, as the worker receives it. */
export type Delivery = { data: Record<string, unknown>; retryCount: number; retryLimit: number };

/**
 * Runs a batch of deliveries of a job that workers take in batches: those
 * queued without a run record (queueDeliveries) as one run, with data
 * `{ batch: [their data] }`; those queued with one (queueRun: a schedule, a
 * person) each as its own run. The first error is rethrown once all have
 * run, so that the queue retries the batch (applying a delivery twice is harmless).
 */
export async function executeDeliveries(db: Db, job: JobDefinition, deliveries: readonly Delivery[]): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  let failure: unknown = null;
  const attempt = async (data: Record<string, unknown>, at: Attempt) => {
    try {
      outcomes.push(await executeJob(db, job, data, at));
    } catch (error) {
      failure ??= error;
    }
  };
  const plain = deliveries.filter((d) => typeof d.data.run_id !== 'string');
  if (plain.length > 0) {
    await attempt({ batch: plain.map((d) => d.data) }, { retryCount: Math.min(...plain.map((d) => d.retryCount)), retryLimit: Math.min(...plain.map((d) => d.retryLimit)) });
  }
  for (const delivery of deliveries) {
    if (typeof delivery.data.run_id === 'string') await attempt(delivery.data, { retryCount: delivery.retryCount, retryLimit: delivery.retryLimit });
  }
  if (failure !== null) throw failure;
  return outcomes;
}
