import type { Db } from '@/db';
import { logger } from '@/lib/core/logger';
import { queueFollowUps } from './follow-ups';
import type { JobDefinition } from './registry';
import { createRun, finishRun, JobCancelledError, reportProgress, requeueRun, startRun } from './runs';

/** Which delivery this is, when the queue will try again after a failure. */
export type Attempt = { retryCount: number; retryLimit: number };

export type JobOutcome = { runId: string; status: 'completed' | 'failed' | 'cancelled'; message: string; error?: string };

/**
 * Runs one job now and records it in job_runs: the run named in the data
 * when the API queued it, otherwise a new one. Errors are recorded and
 * rethrown so that pg-boss can retry. A run that ends its batch queues the
 * batch's follow-ups (follow-ups.ts).
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
  try {
    const { message, result } = await job.run(
      { db, log, runId, progress: (percent, msg) => reportProgress(db, runId, percent, msg) },
      data,
    );
    await queueFollowUps(db, await finishRun(db, runId, { status: 'completed', message, result }), log);
    log.info({ message }, 'job completed');
    return { runId, status: 'completed', message };
  } catch (error) {
    if (error instanceof JobCancelledError) {
      await queueFollowUps(db, await finishRun(db, runId, { status: 'cancelled', message: 'Cancelled' }), log);
      return { runId, status: 'cancelled', message: 'Cancelled' };
    }
    const text = error instanceof Error ? error.message : String(error);
    // A run the API created keeps its id across retries: back to queued until the last attempt.
    const willRetry = typeof data.run_id === 'string' && attempt.retryCount < attempt.retryLimit;
    if (willRetry) {
      log.warn({ err: error, attempt: attempt.retryCount + 1 }, 'job attempt failed; it will be retried');
      await requeueRun(db, runId, `Attempt ${attempt.retryCount + 1} of ${attempt.retryLimit + 1} failed: ${text}; retrying`);
    } else {
      log.error({ err: error }, 'job failed');
      await queueFollowUps(db, await finishRun(db, runId, { status: 'failed', error: text, message: `Failed: ${text}` }), log);
    }
    throw error;
  }
}
