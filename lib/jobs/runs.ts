import crypto from 'node:crypto';
import type { Db } from '@/db';
import type { JobStatus } from '@/db/types';

// job_batches / job_runs: the record of every job run that users see
// (status, progress, history). pg-boss delivers the work; these rows tell
// the story.

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
    .returning('batch_id')
    .executeTakeFirst();
  if (!updated) return false;
  if (updated.batch_id) {
    await db
      .updateTable('job_batches')
      .set({ status: 'running', started_at: now, updated_at: now })
      .where('batch_id', '=', updated.batch_id)
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
    .returning('batch_id')
    .executeTakeFirst();
  if (!updated) throw new JobCancelledError();
  if (updated.batch_id) await refreshBatch(db, updated.batch_id);
}

export async function finishRun(
  db: Db,
  jobId: string,
  outcome: { status: Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>; message?: string; error?: string; result?: unknown },
): Promise<void> {
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
    .returning(['batch_id', 'started_at'])
    .executeTakeFirst();
  if (!row) return;
  const duration = row.started_at ? (now.getTime() - row.started_at.getTime()) / 1000 : 0;
  await db.updateTable('job_runs').set({ duration_seconds: duration }).where('job_id', '=', jobId).execute();
  if (row.batch_id) await refreshBatch(db, row.batch_id);
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

/** Derives a batch's status and progress from its runs. */
export async function refreshBatch(db: Db, batchId: string): Promise<void> {
  const runs = await db
    .selectFrom('job_runs')
    .select(['status', 'progress_percent', 'error', 'job_name'])
    .where('batch_id', '=', batchId)
    .execute();
  if (runs.length === 0) return;
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
    .set({ status, progress_percent: open.length === 0 ? 100 : percent, updated_at: now, ended_at: ended, error })
    .where('batch_id', '=', batchId)
    .where('status', 'not in', ['completed', 'failed', 'cancelled'])
    .returning('started_at')
    .executeTakeFirst();
  if (batch && ended) {
    const duration = batch.started_at ? (ended.getTime() - batch.started_at.getTime()) / 1000 : 0;
    await db.updateTable('job_batches').set({ duration_seconds: duration }).where('batch_id', '=', batchId).execute();
  }
}

/** Cancels a queued or running batch and its open runs. */
export async function cancelBatch(db: Db, batchId: string): Promise<boolean> {
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .updateTable('job_batches')
      .set({ status: 'cancelled', ended_at: now, updated_at: now, message: 'Cancelled' })
      .where('batch_id', '=', batchId)
      .where('status', 'in', ['queued', 'running'])
      .returning('batch_id')
      .executeTakeFirst();
    if (!batch) return false;
    await trx
      .updateTable('job_runs')
      .set({ status: 'cancelled', ended_at: now, updated_at: now })
      .where('batch_id', '=', batchId)
      .where('status', 'in', ['queued', 'running'])
      .execute();
    return true;
  });
}
