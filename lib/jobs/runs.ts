import crypto from 'node:crypto';
import type { Db } from '@/db';
import { batchesOfRun, batchRuns, followRuns } from '@/db/queries/jobs';
import type { JobStatus } from '@/db/types';

// job_batches / job_runs: the record of every job run that users see
// (status, progress, history). pg-boss delivers the work; these rows tell
// the story. A run belongs to the batch that started it and to any batch
// that follows it (job_batch_runs); each of them is kept up to date.

export const newBatchId = () => `bc_${crypto.randomBytes(4).toString('hex')}`;
export const newRunId = (prefix: string) => `${prefix}_${crypto.randomBytes(4).toString('hex')}`;

export class JobCancelledError extends Error {
  constructor() {
    super('Job was cancelled');
    this.name = 'JobCancelledError';
  }
}

export async function createBatch(
  db: Db,
  input: { priority?: string; requestedBy?: string | null; options?: unknown; message?: string },
): Promise<string> {
  const batchId = newBatchId();
  await db
    .insertInto('job_batches')
    .values({
      batch_id: batchId,
      status: 'queued',
      priority: input.priority ?? 'normal',
      requested_by: input.requestedBy ?? null,
      options: JSON.stringify(input.options ?? {}),
      message: input.message ?? null,
    })
    .execute();
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
  batch: Parameters<typeof createBatch>[1],
): Promise<{ batchId: string; follows: boolean }> {
  const owners = new Set(runs.map((r) => r.batch_id));
  const [only] = owners;
  if (owners.size === 1 && only) return { batchId: only, follows: false };
  const batchId = await createBatch(db, batch);
  await followRuns(db, batchId, runs.map((r) => r.job_id));
  return { batchId, follows: true };
}

export async function createRun(db: Db, input: { jobName: string; prefix: string; batchId?: string | null }) {
  const jobId = newRunId(input.prefix);
  const row = await db
    .insertInto('job_runs')
    .values({ job_id: jobId, job_name: input.jobName, batch_id: input.batchId ?? null, status: 'queued' })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** Marks a queued run as running; false when it was cancelled meanwhile. */
export async function startRun(db: Db, jobId: string): Promise<boolean> {
  const now = new Date();
  const updated = await db
    .updateTable('job_runs')
    .set({ status: 'running', started_at: now, updated_at: now, progress_percent: 0 })
    .where('job_id', '=', jobId)
    .where('status', 'in', ['queued', 'running'])
    .returning('job_id')
    .executeTakeFirst();
  if (!updated) return false;
  for (const batchId of await batchesOfRun(db, jobId)) {
    await db
      .updateTable('job_batches')
      .set({ status: 'running', started_at: now, updated_at: now })
      .where('batch_id', '=', batchId)
      .where('status', '=', 'queued')
      .execute();
  }
  return true;
}

/** Records progress; throws JobCancelledError when someone cancelled the run. */
export async function reportProgress(db: Db, jobId: string, percent: number, message?: string): Promise<void> {
  const updated = await db
    .updateTable('job_runs')
    .set({
      progress_percent: Math.max(0, Math.min(100, Math.round(percent))),
      ...(message !== undefined ? { message } : {}),
      updated_at: new Date(),
    })
    .where('job_id', '=', jobId)
    .where('status', '=', 'running')
    .returning('job_id')
    .executeTakeFirst();
  if (!updated) throw new JobCancelledError();
  for (const batchId of await batchesOfRun(db, jobId)) await refreshBatch(db, batchId);
}

/** Records how a run ended; answers the batches that this ended (each batch ends exactly once). */
export async function finishRun(
  db: Db,
  jobId: string,
  outcome: { status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>; message?: string; error?: string; result?: unknown },
): Promise<string[]> {
  const now = new Date();
  const row = await db
    .updateTable('job_runs')
    .set((eb) => ({
      status: outcome.status,
      ended_at: now,
      updated_at: now,
      progress_percent: outcome.status === 'completed' ? 100 : eb.ref('progress_percent'),
      message: outcome.message ?? eb.ref('message'),
      error: outcome.error ?? null,
      result: outcome.result === undefined ? undefined : JSON.stringify(outcome.result),
    }))
    .where('job_id', '=', jobId)
    .where('status', 'in', ['queued', 'running'])
    .returning(['started_at'])
    .executeTakeFirst();
  if (!row) return [];
  const duration = row.started_at ? (now.getTime() - row.started_at.getTime()) / 1000 : 0;
  await db.updateTable('job_runs').set({ duration_seconds: duration }).where('job_id', '=', jobId).execute();
  const ended: string[] = [];
  for (const batchId of await batchesOfRun(db, jobId)) if (await refreshBatch(db, batchId)) ended.push(batchId);
  return ended;
}

/** Puts a failed attempt back in the queue state, keeping what it said, for the queue's retry. */
export async function requeueRun(db: Db, jobId: string, message: string): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ status: 'queued', message, updated_at: new Date() })
    .where('job_id', '=', jobId)
    .where('status', '=', 'running')
    .execute();
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
  const batch = await db
    .updateTable('job_batches')
    .set((eb) => ({
      status,
      progress_percent: open.length === 0 ? 100 : percent,
      updated_at: now,
      ended_at: ended,
      error,
      started_at: eb.fn.coalesce('started_at', eb.val(firstStart)),
    }))
    .where('batch_id', '=', batchId)
    .where('status', 'not in', ['completed', 'failed', 'cancelled'])
    .returning('started_at')
    .executeTakeFirst();
  if (batch && ended) {
    const duration = batch.started_at ? (ended.getTime() - batch.started_at.getTime()) / 1000 : 0;
    await db.updateTable('job_batches').set({ duration_seconds: duration }).where('batch_id', '=', batchId).execute();
    return true;
  }
  return false;
}

/**
 * Cancels a queued or running batch and its open runs, including runs it
 * follows: the caller asked to stop what the batch shows. Other batches of
 * those runs are brought up to date.
 */
export async function cancelBatch(db: Db, batchId: string): Promise<boolean> {
  const now = new Date();
  const cancelled = await db.transaction().execute(async (trx) => {
    const batch = await trx
      .updateTable('job_batches')
      .set({ status: 'cancelled', ended_at: now, updated_at: now, message: 'Cancelled' })
      .where('batch_id', '=', batchId)
      .where('status', 'in', ['queued', 'running'])
      .returning('batch_id')
      .executeTakeFirst();
    if (!batch) return null;
    const open = (await batchRuns(trx, batchId)).filter((r) => r.status === 'queued' || r.status === 'running').map((r) => r.job_id);
    if (open.length === 0) return [];
    const rows = await trx
      .updateTable('job_runs')
      .set({ status: 'cancelled', ended_at: now, updated_at: now })
      .where('job_id', 'in', open)
      .where('status', 'in', ['queued', 'running'])
      .returning('job_id')
      .execute();
    return rows.map((r) => r.job_id);
  });
  if (cancelled === null) return false;
  for (const jobId of cancelled) {
    for (const other of await batchesOfRun(db, jobId)) if (other !== batchId) await refreshBatch(db, other);
  }
  return true;
}
