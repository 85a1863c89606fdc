import { purgeDeletedJob } from '@/lib/admin';
import { applyReportsJob, digestDailyJob, digestWeeklyJob, notifyJob, releaseSyncJob } from '@/lib/drupal';
import { batchCallbackJob, crossVendorJob, ninjaCollectorJob, threatLockerCollectorJob, windows11AssessmentJob } from '@/lib/inventory';
import type { JobDefinition } from '@/lib/jobs';
import { connectWiseCollectorJob, qbrMetricsJob, quickBooksCollectorJob } from '@/lib/qbr';

// Every job the system runs: the one place that knows every slice. The
// workers, the schedules (jobs/schedule.ts), `npm run jobs -- once` and the
// labels of Admin → Jobs are derived from this list. A slice adds a job by
// defining it (lib/jobs defineJob) and listing it here.

export const definitions: readonly JobDefinition[] = [
  purgeDeletedJob,
  applyReportsJob,
  releaseSyncJob,
  notifyJob,
  digestDailyJob,
  digestWeeklyJob,
  connectWiseCollectorJob,
  quickBooksCollectorJob,
  qbrMetricsJob,
  ninjaCollectorJob,
  threatLockerCollectorJob,
  crossVendorJob,
  batchCallbackJob,
  windows11AssessmentJob,
];

/** The jobs by name; refuses two jobs with one name or one run-id prefix. */
export function indexJobs(list: readonly JobDefinition[]): Record<string, JobDefinition> {
  const map: Record<string, JobDefinition> = {};
  const prefixes = new Map<string, string>();
  for (const job of list) {
    if (Object.hasOwn(map, job.name)) throw new Error(`Two jobs are named ${job.name}`);
    const other = prefixes.get(job.prefix);
    if (other) throw new Error(`${job.name} and ${other} share the run-id prefix ${job.prefix}`);
    map[job.name] = job;
    prefixes.set(job.prefix, job.name);
  }
  return map;
}

/** The jobs by name. */
export const jobs: Readonly<Record<string, JobDefinition>> = indexJobs(definitions);

export function jobNamed(name: string): JobDefinition | undefined {
  return Object.hasOwn(jobs, name) ? jobs[name] : undefined;
}

/** What people read for a job name: its label, or the name itself for a job no longer defined. */
export function jobLabel(name: string): string {
  return jobNamed(name)?.label ?? name;
}
