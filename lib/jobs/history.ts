import { listJobNames, listJobRuns as listRuns, type JobRunDto } from '@/db/queries/jobs';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';

// The job_runs history as people see it (Admin → Jobs). Runs are MSP-wide.

export type { JobRunDto };

/** Recent runs, newest first, optionally of one job that has run; and the names of the jobs that have. */
export async function listJobRuns(ctx: RequestContext, input: { page: number; per_page: number; job_name?: string }) {
  authorize(ctx.actor, 'jobs:read');
  const names = await listJobNames(ctx.db);
  const jobName = input.job_name && names.includes(input.job_name) ? input.job_name : undefined;
  const { rows, total } = await listRuns(ctx.db, { page: input.page, per_page: input.per_page, job_name: jobName });
  return { rows, total, names, jobName };
}
