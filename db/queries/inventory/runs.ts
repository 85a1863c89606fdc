import { sql } from 'kysely';
import type { Db } from '@/db';
import type { JobStatus } from '@/db/types';
import { batchRuns, jobRunColumns, toJobRunDto } from '@/db/queries/jobs';

// Reading collector runs and batches (job_batches / job_runs) for the
// collector endpoints. Runs are MSP-wide: callers authorise first.

export const OPEN_STATUSES: JobStatus[] = ['queued', 'running'];
export const isOpen = (status: JobStatus) => status === 'queued' || status === 'running';

/** A job_runs row as read here; its DTO is the one the jobs page uses too. */
export type RunRow = Parameters<typeof toJobRunDto>[0];

const runColumns = jobRunColumns;

export const runDto = toJobRunDto;

export async function getRuns(db: Db, jobIds: readonly string[]): Promise<RunRow[]> {
  if (jobIds.length === 0) return [];
  return db.selectFrom('job_runs').select(runColumns).where('job_id', 'in', [...jobIds]).execute();
}

/** The runs a batch started and those it follows. */
export const getBatchRuns = (db: Db, batchId: string): Promise<RunRow[]> => batchRuns(db, batchId);

export async function getBatch(db: Db, batchId: string) {
  return db.selectFrom('job_batches').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
}

export async function latestRuns(db: Db, jobNames: readonly string[], limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('job_runs')
    .select(runColumns)
    .where('job_name', 'in', [...jobNames])
    .orderBy('created_at', 'desc')
    .orderBy('job_id', 'desc')
    .limit(limit)
    .execute();
}

export async function openRuns(db: Db, jobNames: readonly string[]): Promise<RunRow[]> {
  return db
    .selectFrom('job_runs')
    .select(runColumns)
    .where('job_name', 'in', [...jobNames])
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('created_at')
    .execute();
}

/** The most recent run of each job, keyed by job name. */
export async function lastRunPerJob(db: Db, jobNames: readonly string[]): Promise<Map<string, RunRow>> {
  const rows = await sql<RunRow>`
    select distinct on (job_name) job_id, batch_id, job_name, status, started_at, ended_at, progress_percent, message, error,
      duration_seconds, created_at, updated_at
    from job_runs where job_name in (select jsonb_array_elements_text(${JSON.stringify(jobNames)}::jsonb))
    order by job_name, created_at desc
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.job_name, r]));
}

export async function failedRunsSince(db: Db, jobNames: readonly string[], since: Date, limit: number) {
  const base = db.selectFrom('job_runs').where('job_name', 'in', [...jobNames]).where('status', '=', 'failed').where('created_at', '>=', since);
  const [rows, count] = await Promise.all([
    base.select(runColumns).orderBy('created_at', 'desc').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Names of these jobs that have a run queued or running. */
export async function openRunNames(db: Db, jobNames: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('job_runs').select('job_name').where('job_name', 'in', [...jobNames]).where('status', 'in', OPEN_STATUSES).execute();
  return [...new Set(rows.map((r) => r.job_name))];
}
