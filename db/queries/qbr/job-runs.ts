import type { Db } from '@/db';

// The latest finished run and the last success of each QBR job, for the
// freshness notice.

export type LatestRuns = { job_name: string; last_run: { status: string; ended_at: Date | null; created_at: Date; error: string | null } | null; last_success_at: Date | null };

export async function latestRunsOf(db: Db, jobNames: readonly string[]): Promise<LatestRuns[]> {
  const out: LatestRuns[] = [];
  if (jobNames.length === 0) return out;
  const last = await db
    .selectFrom('job_runs')
    .select(['job_name', 'status', 'ended_at', 'created_at', 'error'])
    .distinctOn('job_name')
    .where('job_name', 'in', jobNames)
    .where('status', 'in', ['completed', 'failed'])
    .orderBy('job_name')
    .orderBy('created_at', 'desc')
    .execute();
  const success = await db
    .selectFrom('job_runs')
    .select(['job_name', (eb) => eb.fn.max('ended_at').as('ended_at')])
    .where('job_name', 'in', jobNames)
    .where('status', '=', 'completed')
    .groupBy('job_name')
    .execute();
  for (const name of jobNames) {
    const l = last.find((r) => r.job_name === name);
    const s = success.find((r) => r.job_name === name);
    out.push({
      job_name: name,
      last_run: l ? { status: l.status, ended_at: l.ended_at, created_at: l.created_at, error: l.error } : null,
      last_success_at: s?.ended_at ? new Date(s.ended_at) : null,
    });
  }
  return out;
}
