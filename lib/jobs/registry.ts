import type { Logger } from 'pino';
import type { Db } from '@/db';
import { purgeDeletedRecords } from '@/lib/admin/retention';
import { drupalJobs } from '@/lib/drupal/jobs';
import { inventoryJobs } from '@/lib/inventory/jobs';
import { windows11Jobs } from '@/lib/inventory/windows11-jobs';
import { qbrJobs } from '@/lib/qbr/jobs';

// Every job the system runs: its name, the prefix of its run ids, how
// pg-boss retries it, and the function that does the work. Domains add
// their jobs here.

export type JobContext = {
  db: Db;
  log: Logger;
  runId: string;
  /** Records progress (0–100); throws when the run was cancelled. */
  progress: (percent: number, message?: string) => Promise<void>;
};

export type JobDefinition = {
  name: string;
  /** Prefix of job_runs ids, as in the original system (ni_, tl_, cv_, …). */
  prefix: string;
  description: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  /** At most one run at a time across every worker process (pg-boss singleton queue). */
  singleton?: boolean;
  run: (ctx: JobContext, data: Record<string, unknown>) => Promise<{ message: string; result?: unknown }>;
};

const foundationJobs: Record<string, JobDefinition> = {
  'purge-deleted': {
    name: 'purge-deleted',
    prefix: 'pd',
    description: 'Removes soft-deleted organisations, users and sites older than RETENTION_DAYS, and expired sessions',
    retryLimit: 2,
    retryDelaySeconds: 60,
    expireInSeconds: 15 * 60,
    run: async (ctx) => {
      const counts = await purgeDeletedRecords(ctx.db, { progress: ctx.progress });
      const summary = Object.entries(counts)
        .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
        .join(', ');
      return { message: `Purged ${summary}`, result: counts };
    },
  },
};

export const jobs: Record<string, JobDefinition> = {
  ...foundationJobs,
  ...drupalJobs,
  ...qbrJobs,
  ...inventoryJobs,
  ...windows11Jobs,
};

export function jobNamed(name: string): JobDefinition | undefined {
  return Object.hasOwn(jobs, name) ? jobs[name] : undefined;
}
