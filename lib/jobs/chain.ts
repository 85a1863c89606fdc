import type { Db } from '@/db';
import { claimRunWait, insertRunWait, lockOpenRuns, runsWaitingFor, runState } from '@/db/queries/jobs';
import { logger } from '@/lib/core/logger';
import type { JobDefinition } from './definition';
import { enqueue, prepareQueue, prepareQueueNamed, type QueueSendOptions } from './queue';
import { recordBatchCancel, recordRunEnd, requeueRun, type RunOutcome } from './runs';

// Chaining without polling. A run that must start after others is recorded
// at once (queued) with a wait (job_run_waits); whichever of those runs ends
// last hands it to the queue. Every way a run ends goes through here
// (finishRun, cancelBatch), so no waiting run is forgotten.

/**
 * In a transaction: makes a queued run wait for those of `runIds` that are
 * still open. False when none is: the caller queues it now. The runs are
 * locked until the transaction ends, so one ending meanwhile sees the wait.
 */
export async function recordWait(
  trx: Db,
  jobId: string,
  runIds: readonly string[],
  data: Record<string, unknown>,
  sendOptions: QueueSendOptions = {},
): Promise<boolean> {
  const open = await lockOpenRuns(trx, runIds);
  if (open.length === 0) return false;
  await insertRunWait(trx, { job_id: jobId, waits_for: open, data, send_options: { ...sendOptions } });
  return true;
}

/**
 * Queues a waiting run once every run it waits for has ended. The claim and
 * the send share a transaction, so the run is queued exactly once; when the
 * queue refuses it, the run fails instead of staying queued for ever.
 */
async function release(db: Db, jobId: string): Promise<void> {
  const state = await runState(db, jobId);
  if (!state) return;
  try {
    await prepareQueueNamed(state.job_name);
    await db.transaction().execute(async (trx) => {
      const wait = await claimRunWait(trx, jobId);
      // Cancelled while it waited: the claim only drops its wait.
      if (!wait || (await runState(trx, jobId))?.status !== 'queued') return;
      await enqueue(state.job_name, { ...wait.data, run_id: jobId }, wait.send_options as QueueSendOptions, trx);
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    logger.error({ err: error, run_id: jobId }, 'a waiting run could not be queued');
    await finishRun(db, jobId, { status: 'failed', error: `Could not queue: ${text}` });
  }
}

/** Queues the runs that were waiting for these, where they were the last. Never throws: those runs have ended either way. */
async function releaseWaitersOf(db: Db, endedRunIds: readonly string[]): Promise<void> {
  for (const ended of endedRunIds) {
    try {
      for (const waiting of await runsWaitingFor(db, ended)) await release(db, waiting);
    } catch (error) {
      logger.error({ err: error, run_id: ended }, 'the runs waiting for a run could not be released');
    }
  }
}

/** Records how a run ended and releases the runs waiting for it; answers the batches that this ended. */
export async function finishRun(db: Db, jobId: string, outcome: RunOutcome): Promise<string[]> {
  const ended = await recordRunEnd(db, jobId, outcome);
  await releaseWaitersOf(db, [jobId]);
  return ended;
}

/**
 * Cancels a queued or running batch and its open runs, including runs it
 * follows, and releases the runs waiting for them; false when it had
 * already ended.
 */
export async function cancelBatch(db: Db, batchId: string): Promise<boolean> {
  const cancelled = await recordBatchCancel(db, batchId);
  if (cancelled === null) return false;
  await releaseWaitersOf(db, cancelled);
  return true;
}

/**
 * A running run that must wait for others (JobContext.waitFor): back to
 * queued, released by the last of them to end, or queued again at once when
 * they have all ended already.
 */
export async function deferRun(db: Db, job: JobDefinition, jobId: string, runIds: readonly string[], data: Record<string, unknown>, message: string): Promise<void> {
  await requeueRun(db, jobId, message);
  const { run_id: _ignored, ...rest } = data;
  try {
    // Its queue exists before anything waits on it (a run from `npm run jobs -- once` may have none yet).
    await prepareQueue(job);
    if (await db.transaction().execute((trx) => recordWait(trx, jobId, runIds, rest))) return;
    await enqueue(job.name, { ...rest, run_id: jobId });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await finishRun(db, jobId, { status: 'failed', error: `Could not queue: ${text}` });
  }
}
