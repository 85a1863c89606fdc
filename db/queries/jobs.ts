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
