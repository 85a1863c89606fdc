import { sql } from 'kysely';
import type { Db } from '@/db';
import type { JobStatus } from '@/db/types';
import { offsetOf, type Page } from '@/db/paging';

// The job_runs history as people see it. Job runs are MSP-wide (no tenant
// column), so the caller authorises with 'jobs:read' before reading.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobRunDto(row: {
  job_id: string;
  batch_id: string | null;
  job_name: string;
  status: JobStatus;
  started_at: Date | null;
  ended_at: Date | null;
  progress_percent: number;
  message: string | null;
  error: string | null;
  duration_seconds: number | null;
  created_at: Date;
  updated_at: Date;
}) {
  return {
    job_id: row.job_id,
    batch_id: row.batch_id,
    job_name: row.job_name,
    status: row.status,
    started_at: iso(row.started_at),
    ended_at: iso(row.ended_at),
    progress_percent: Number(row.progress_percent),
    message: row.message,
    error: row.error,
    duration_seconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
export type JobRunDto = ReturnType<typeof toJobRunDto>;

/** The job_runs columns every reader of runs selects (what toJobRunDto needs). */
export const jobRunColumns = [
  'job_id',
  'batch_id',
  'job_name',
  'status',
  'started_at',
  'ended_at',
  'progress_percent',
  'message',
  'error',
  'duration_seconds',
  'created_at',
  'updated_at',
] as const;

/** Recent job runs, newest first, optionally of one job. */
export async function listJobRuns(db: Db, opts: Page & { job_name?: string }) {
  const base = db.selectFrom('job_runs').$if(!!opts.job_name, (q) => q.where('job_name', '=', opts.job_name!));
  const [rows, count] = await Promise.all([
    base
      .select(jobRunColumns)
      .orderBy('created_at', 'desc')
      .orderBy('job_id', 'desc')
      .limit(opts.per_page)
      .offset(offsetOf(opts))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toJobRunDto), total: Number(count.n) };
}

/** Names of jobs that have run at least once, for a filter. */
export async function listJobNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('job_runs').select('job_name').distinct().orderBy('job_name').execute();
  return rows.map((r) => r.job_name);
}

// --- Batch membership ----------------------------------------------------------
// A batch's runs are those it started (job_runs.batch_id) and those it follows
// (job_batch_runs): a trigger that finds a job already under way answers with
// a batch that follows that run.

/** The runs of a batch, oldest first. */
export async function batchRuns(db: Db, batchId: string) {
  return db
    .selectFrom('job_runs')
    .select(jobRunColumns)
    .where((eb) =>
      eb.or([
        eb('batch_id', '=', batchId),
        eb('job_id', 'in', eb.selectFrom('job_batch_runs').select('job_batch_runs.job_id').where('job_batch_runs.batch_id', '=', batchId)),
      ]),
    )
    .orderBy('created_at')
    .orderBy('job_id')
    .execute();
}

/** Every batch a run belongs to: the one that started it, then those that follow it. */
export async function batchesOfRun(db: Db, jobId: string): Promise<string[]> {
  const own = await db.selectFrom('job_runs').select('batch_id').where('job_id', '=', jobId).executeTakeFirst();
  const followers = await db.selectFrom('job_batch_runs').select('batch_id').where('job_id', '=', jobId).orderBy('batch_id').execute();
  return [...new Set([...(own?.batch_id ? [own.batch_id] : []), ...followers.map((f) => f.batch_id)])];
}

/** Makes a batch follow runs it did not start. */
export async function followRuns(db: Db, batchId: string, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db
    .insertInto('job_batch_runs')
    .values(jobIds.map((jobId) => ({ batch_id: batchId, job_id: jobId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// --- Recording runs and batches (lib/jobs/runs.ts) ------------------------------

export type JobRunRow = Parameters<typeof toJobRunDto>[0];
type EndStatus = Extract<JobStatus, 'completed' | 'failed' | 'cancelled'>;
const OPEN: JobStatus[] = ['queued', 'running'];

export async function insertBatch(
  db: Db,
  row: { batch_id: string; priority: string; requested_by: string | null; options: unknown; message: string | null },
): Promise<void> {
  await db
    .insertInto('job_batches')
    .values({ ...row, status: 'queued', options: JSON.stringify(row.options ?? {}) })
    .execute();
}

export async function insertRun(db: Db, row: { job_id: string; job_name: string; batch_id: string | null }): Promise<JobRunRow> {
  return db
    .insertInto('job_runs')
    .values({ ...row, status: 'queued' })
    .returning(jobRunColumns)
    .executeTakeFirstOrThrow();
}

/** Marks a queued (or retried) run as running; false when it was cancelled meanwhile. */
export async function markRunRunning(db: Db, jobId: string, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('job_runs')
    .set({ status: 'running', started_at: now, updated_at: now, progress_percent: 0 })
    .where('job_id', '=', jobId)
    .where('status', 'in', OPEN)
    .returning('job_id')
    .executeTakeFirst();
  return updated !== undefined;
}

export async function markBatchRunning(db: Db, batchId: string, now: Date): Promise<void> {
  await db
    .updateTable('job_batches')
    .set({ status: 'running', started_at: now, updated_at: now })
    .where('batch_id', '=', batchId)
    .where('status', '=', 'queued')
    .execute();
}

/** Records progress of a running run; false when it is no longer running (cancelled). */
export async function recordRunProgress(db: Db, jobId: string, percent: number, message: string | undefined, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('job_runs')
    .set({ progress_percent: percent, ...(message !== undefined ? { message } : {}), updated_at: now })
    .where('job_id', '=', jobId)
    .where('status', '=', 'running')
    .returning('job_id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Ends an open run; undefined when it had already ended. */
export async function markRunEnded(
  db: Db,
  jobId: string,
  outcome: { status: EndStatus; message?: string; error?: string; result?: unknown },
  now: Date,
): Promise<{ started_at: Date | null } | undefined> {
  return db
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
    .where('status', 'in', OPEN)
    .returning(['started_at'])
    .executeTakeFirst();
}

export async function setRunDuration(db: Db, jobId: string, seconds: number): Promise<void> {
  await db.updateTable('job_runs').set({ duration_seconds: seconds }).where('job_id', '=', jobId).execute();
}

/** Puts a running run back to queued, keeping what it said. */
export async function markRunQueued(db: Db, jobId: string, message: string, now: Date): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ status: 'queued', message, updated_at: now })
    .where('job_id', '=', jobId)
    .where('status', '=', 'running')
    .execute();
}

/** Writes a batch's derived state while it is still open; answers its start when it was. */
export async function updateOpenBatch(
  db: Db,
  batchId: string,
  state: { status: JobStatus; progress_percent: number; ended_at: Date | null; error: string | null; first_start: Date | null },
  now: Date,
): Promise<{ started_at: Date | null } | undefined> {
  return db
    .updateTable('job_batches')
    .set((eb) => ({
      status: state.status,
      progress_percent: state.progress_percent,
      updated_at: now,
      ended_at: state.ended_at,
      error: state.error,
      started_at: eb.fn.coalesce('started_at', eb.val(state.first_start)),
    }))
    .where('batch_id', '=', batchId)
    .where('status', 'not in', ['completed', 'failed', 'cancelled'])
    .returning('started_at')
    .executeTakeFirst();
}

export async function setBatchDuration(db: Db, batchId: string, seconds: number): Promise<void> {
  await db.updateTable('job_batches').set({ duration_seconds: seconds }).where('batch_id', '=', batchId).execute();
}

/** Cancels a batch that is still open; false when it had already ended. */
export async function cancelOpenBatch(db: Db, batchId: string, now: Date): Promise<boolean> {
  const batch = await db
    .updateTable('job_batches')
    .set({ status: 'cancelled', ended_at: now, updated_at: now, message: 'Cancelled' })
    .where('batch_id', '=', batchId)
    .where('status', 'in', OPEN)
    .returning('batch_id')
    .executeTakeFirst();
  return batch !== undefined;
}

/** Cancels those of the runs still open; answers their ids. */
export async function cancelOpenRuns(db: Db, jobIds: readonly string[], now: Date): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const rows = await db
    .updateTable('job_runs')
    .set({ status: 'cancelled', ended_at: now, updated_at: now })
    .where('job_id', 'in', [...jobIds])
    .where('status', 'in', OPEN)
    .returning('job_id')
    .execute();
  return rows.map((r) => r.job_id);
}

// --- Queueing (lib/jobs/queue-run.ts, lib/jobs/chain.ts) ------------------------

/**
 * Serialises the queueing of exclusive runs until the transaction ends, so
 * that two triggers at once cannot both see "not running". One lock for every
 * job: a transaction may queue several, and one key cannot deadlock.
 */
export async function lockRunQueueing(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('msp-queue-run'))`.execute(trx);
}

/** The oldest queued or running run of a job. */
export async function oldestOpenRun(db: Db, jobName: string): Promise<JobRunRow | undefined> {
  return db
    .selectFrom('job_runs')
    .select(jobRunColumns)
    .where('job_name', '=', jobName)
    .where('status', 'in', OPEN)
    .orderBy('created_at')
    .orderBy('job_id')
    .limit(1)
    .executeTakeFirst();
}

/** Another running run of the same job, other than this one. */
export async function otherRunningRun(db: Db, jobName: string, runId: string): Promise<{ job_id: string } | undefined> {
  return db
    .selectFrom('job_runs')
    .select('job_id')
    .where('job_name', '=', jobName)
    .where('status', '=', 'running')
    .where('job_id', '!=', runId)
    .executeTakeFirst();
}

/**
 * Those of the runs that are still open, their rows locked until the
 * transaction ends: a run ending meanwhile waits for the caller's wait to be
 * recorded (and then releases it), or has ended before and is not answered.
 */
export async function lockOpenRuns(trx: Db, jobIds: readonly string[]): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const rows = await trx
    .selectFrom('job_runs')
    .select(['job_id', 'status'])
    .where('job_id', 'in', [...jobIds])
    .orderBy('job_id')
    .forUpdate()
    .execute();
  return rows.filter((r) => OPEN.includes(r.status)).map((r) => r.job_id);
}

export async function insertRunWait(
  db: Db,
  row: { job_id: string; waits_for: readonly string[]; data: Record<string, unknown>; send_options: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('job_run_waits')
    .values({ job_id: row.job_id, waits_for: JSON.stringify(row.waits_for), data: JSON.stringify(row.data), send_options: JSON.stringify(row.send_options) })
    .execute();
}

/** The runs waiting for this one. */
export async function runsWaitingFor(db: Db, jobId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('job_run_waits')
    .select('job_id')
    .where(sql<boolean>`waits_for @> ${JSON.stringify([jobId])}::jsonb`)
    .orderBy('created_at')
    .orderBy('job_id')
    .execute();
  return rows.map((r) => r.job_id);
}

/**
 * Takes a run's wait once every run it waits for has ended; undefined while
 * one is still open, or when another caller took it first (the delete is
 * the claim, so a waiting run is queued once).
 */
export async function claimRunWait(trx: Db, jobId: string): Promise<{ data: Record<string, unknown>; send_options: Record<string, unknown> } | undefined> {
  const row = await trx
    .deleteFrom('job_run_waits')
    .where('job_id', '=', jobId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('job_runs')
            .select('job_runs.job_id')
            .where(sql<boolean>`job_runs.job_id in (select jsonb_array_elements_text(job_run_waits.waits_for))`)
            .where('job_runs.status', 'in', OPEN),
        ),
      ),
    )
    .returning(['data', 'send_options'])
    .executeTakeFirst();
  return row ? { data: row.data as Record<string, unknown>, send_options: row.send_options as Record<string, unknown> } : undefined;
}

/** A run's job name and status. */
export async function runState(db: Db, jobId: string): Promise<{ job_name: string; status: JobStatus } | undefined> {
  return db.selectFrom('job_runs').select(['job_name', 'status']).where('job_id', '=', jobId).executeTakeFirst();
}
