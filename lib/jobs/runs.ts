import crypto from 'node:crypto';
import type { Db } from '@/db';
import {
  batchesOfRun,
  batchRuns,
  cancelOpenBatch,
  cancelOpenRuns,
  followRuns,
  insertBatch,
  insertRun,
  markBatchRunning,
  markRunEnded,
  markRunQueued,
  markRunRunning,
  recordRunProgress,
  setBatchDuration,
  setRunDuration,
  updateOpenBatch,
  type JobRunRow,
} from '@/db/queries/jobs';
import type { JobStatus } from '@/db/types';
import { JobCancelledError } from './definition';

// job_batches / job_runs: the record of every job run that users see
// (status, progress, history). pg-boss delivers the work; these rows tell
// the story. A run belongs to the batch that started it and to any batch
// that follows it (job_batch_runs); each of them is kept up to date.
// Recording only: ending a run also releases the runs waiting for it, which
// chain.ts does (finishRun, cancelBatch).

export type { JobRunRow };
export type RunOutcome = { status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>; message?: string; error?: string; result?: unknown };
export type BatchInput = { priority?: string; requestedBy?: string | null; options?: unknown; message?: string };

export const newBatchId = () => `bc_${crypto.randomBytes(4).toString('hex')}`;
export const newRunId = (prefix: string) => `${prefix}_${crypto.randomBytes(4).toString('hex')}`;

export async function createBatch(db: Db, input: BatchInput): Promise<string> {
  const batchId = newBatchId();
  await insertBatch(db, {
    batch_id: batchId,
    priority: input.priority ?? 'normal',
    requested_by: input.requestedBy ?? null,
    options: input.options ?? {},
    message: input.message ?? null,
  });
  return batchId;
}

/**
 * The batch a trigger names for runs it found already under way: theirs when
 * they all share one, otherwise a new batch that follows them, so that the
 * caller always has a batch to poll.
 */
export async function batchForRuns(
  db: Db,
  runs: readonly { job_id: string; batch_id: string | null }[],
  batch: BatchInput,
): Promise<{ batchId: string; follows: boolean }> {
  const owners = new Set(runs.map((r) => r.batch_id));
  const [only] = owners;
  if (owners.size === 1 && only) return { batchId: only, follows: false };
  const batchId = await createBatch(db, batch);
  await followRuns(db, batchId, runs.map((r) => r.job_id));
  return { batchId, follows: true };
}

export async function createRun(db: Db, input: { jobName: string; prefix: string; batchId?: string | null }): Promise<JobRunRow> {
  return insertRun(db, { job_id: newRunId(input.prefix), job_name: input.jobName, batch_id: input.batchId ?? null });
}

/** Marks a queued run as running; false when it was cancelled meanwhile. */
export async function startRun(db: Db, jobId: string): Promise<boolean> {
  const now = new Date();
  if (!(await markRunRunning(db, jobId, now))) return false;
  for (const batchId of await batchesOfRun(db, jobId)) await markBatchRunning(db, batchId, now);
  return true;
}

/** Records progress; throws JobCancelledError when someone cancelled the run. */
export async function reportProgress(db: Db, jobId: string, percent: number, message?: string): Promise<void> {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  if (!(await recordRunProgress(db, jobId, clamped, message, new Date()))) throw new JobCancelledError();
  for (const batchId of await batchesOfRun(db, jobId)) await refreshBatch(db, batchId);
}

/** Records how a run ended; answers the batches that this ended (each batch ends exactly once). */
export async function recordRunEnd(db: Db, jobId: string, outcome: RunOutcome): Promise<string[]> {
  const now = new Date();
  const row = await markRunEnded(db, jobId, outcome, now);
  if (!row) return [];
  await setRunDuration(db, jobId, row.started_at ? (now.getTime() - row.started_at.getTime()) / 1000 : 0);
  const ended: string[] = [];
  for (const batchId of await batchesOfRun(db, jobId)) if (await refreshBatch(db, batchId)) ended.push(batchId);
  return ended;
}

/** Puts a running run back in the queued state, keeping what it said (a retry, or a wait). */
export async function requeueRun(db: Db, jobId: string, message: string): Promise<void> {
  await markRunQueued(db, jobId, message, new Date());
}

/**
 * Derives a batch's status and progress from its runs; true when this call
 * ended the batch. The update only applies to a batch still open, so of two
 * runs finishing at once only one ends it.
 */
export async function refreshBatch(db: Db, batchId: string): Promise<boolean> {
  const runs = await batchRuns(db, batchId);
  if (runs.length === 0) return false;
  // A batch that follows runs already under way started when they did.
  const starts = runs.flatMap((r) => (r.started_at ? [r.started_at.getTime()] : []));
  const firstStart = starts.length > 0 ? new Date(Math.min(...starts)) : null;
  const open = runs.filter((r) => r.status === 'queued' || r.status === 'running');
  const failed = runs.filter((r) => r.status === 'failed');
  const cancelled = runs.filter((r) => r.status === 'cancelled');
  const percent = Math.round(runs.reduce((sum, r) => sum + (open.includes(r) ? r.progress_percent : 100), 0) / runs.length);
  const now = new Date();
  let status: JobStatus = open.some((r) => r.status === 'running') || open.length < runs.length ? 'running' : 'queued';
  let ended: Date | null = null;
  let error: string | null = null;
  if (open.length === 0) {
    ended = now;
    if (failed.length > 0) {
      status = 'failed';
      error = failed.map((r) => `${r.job_name}: ${r.error ?? 'failed'}`).join('; ');
    } else if (cancelled.length === runs.length) status = 'cancelled';
    else status = 'completed';
  }
  const batch = await updateOpenBatch(db, batchId, { status, progress_percent: open.length === 0 ? 100 : percent, ended_at: ended, error, first_start: firstStart }, now);
  if (batch && ended) {
    await setBatchDuration(db, batchId, batch.started_at ? (ended.getTime() - batch.started_at.getTime()) / 1000 : 0);
    return true;
  }
  return false;
}

/**
 * Records the cancellation of a queued or running batch and of its open runs,
 * including runs it follows: the caller asked to stop what the batch shows.
 * Other batches of those runs are brought up to date. Answers the runs it
 * cancelled, or null when the batch had already ended.
 */
export async function recordBatchCancel(db: Db, batchId: string): Promise<string[] | null> {
  const now = new Date();
  const cancelled = await db.transaction().execute(async (trx) => {
    if (!(await cancelOpenBatch(trx, batchId, now))) return null;
    const open = (await batchRuns(trx, batchId)).filter((r) => r.status === 'queued' || r.status === 'running').map((r) => r.job_id);
    return cancelOpenRuns(trx, open, now);
  });
  if (cancelled === null) return null;
  for (const jobId of cancelled) {
    for (const other of await batchesOfRun(db, jobId)) if (other !== batchId) await refreshBatch(db, other);
  }
  return cancelled;
}
