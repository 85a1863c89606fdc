import { failedRunsSince, getBatch, getBatchRuns, lastRunPerJob, latestRuns, openRuns, runDto } from '@/db/queries/inventory/runs';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { finishRun, type JobDefinition } from '@/lib/jobs';
import { INVENTORY_JOBS, type CollectorCatalogue } from './jobs';

// What the collector endpoints report: each collector's state, recent runs,
// and live progress. Runs are MSP-wide, so only job readers (superusers) see them.
// The caller passes the catalogue of collectors POST /api/collectors/run can
// start, as it does to the trigger (control.ts).

const INVENTORY_JOB_NAMES = INVENTORY_JOBS.map((job) => job.name);

/** The inventory jobs, then every other job of the catalogue (another slice's collectors): all reported alike. */
const reportedJobs = (catalogue: CollectorCatalogue): ReadonlyMap<string, JobDefinition> =>
  new Map([...INVENTORY_JOBS, ...Object.values(catalogue).map((c) => c.job)].map((job) => [job.name, job]));

function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${m}m ${s % 60}s` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

export async function collectorStatus(ctx: RequestContext, catalogue: CollectorCatalogue) {
  authorize(ctx.actor, 'jobs:read');
  const jobs = reportedJobs(catalogue);
  const jobNames = [...jobs.keys()];
  const last = await lastRunPerJob(ctx.db, jobNames);
  const running = await openRuns(ctx.db, jobNames);
  const sources: Record<string, string> = {};
  for (const { job, sourceMode } of Object.values(catalogue)) if (sourceMode) sources[job.name] = await sourceMode(ctx.db);
  const collectors = jobNames.map((jobName) => {
    const run = last.get(jobName);
    return {
      name: jobName.replace('-collector', ''),
      job_name: jobName,
      description: jobs.get(jobName)?.description ?? null,
      schedule: jobs.get(jobName)?.schedule ?? null,
      timezone: env().SCHEDULE_TZ,
      source: sources[jobName] ?? null,
      is_running: running.some((r) => r.job_name === jobName),
      status: run?.status ?? 'never_run',
      last_run: run ? runDto(run) : null,
    };
  });
  return { collectors, generated_at: new Date().toISOString() };
}

export async function collectorHistory(ctx: RequestContext, catalogue: CollectorCatalogue, limit: number) {
  authorize(ctx.actor, 'jobs:read');
  const runs = await latestRuns(ctx.db, [...reportedJobs(catalogue).keys()], limit);
  return { history: runs.map(runDto), total: runs.length, limit };
}

/** Marks runs that stopped reporting long past their time limit as failed (a process died mid-run). */
async function cleanStaleRuns(ctx: RequestContext, jobs: ReadonlyMap<string, JobDefinition>): Promise<number> {
  const now = Date.now();
  let cleaned = 0;
  for (const run of await openRuns(ctx.db, [...jobs.keys()])) {
    const limitSeconds = jobs.get(run.job_name)?.expireInSeconds ?? 3600;
    if (run.status === 'running' && now - run.updated_at.getTime() > (limitSeconds + 300) * 1000) {
      // Ending it also starts the runs that waited for it (the checks after a collector).
      await finishRun(ctx.db, run.job_id, { status: 'failed', error: `No progress for over ${Math.round(limitSeconds / 60)} minutes; the worker probably stopped` });
      cleaned += 1;
    }
  }
  return cleaned;
}

export async function collectorProgress(ctx: RequestContext, catalogue: CollectorCatalogue, batchId?: string) {
  authorize(ctx.actor, 'jobs:read');
  const jobs = reportedJobs(catalogue);
  const cleaned = await cleanStaleRuns(ctx, jobs);
  const now = Date.now();
  const active = (await openRuns(ctx.db, [...jobs.keys()])).map((run) => {
    const since = (run.started_at ?? run.created_at).getTime();
    const elapsed = (now - since) / 1000;
    return {
      job_id: run.job_id,
      batch_id: run.batch_id,
      job_name: run.job_name,
      started_at: (run.started_at ?? run.created_at).toISOString(),
      status: run.status,
      progress_percent: Number(run.progress_percent),
      message: run.message,
      is_active: true,
      process_running: run.status === 'running',
      elapsed_seconds: Math.round(elapsed),
      elapsed_time: formatElapsed(elapsed),
    };
  });
  let batch = null;
  if (batchId) {
    const row = await getBatch(ctx.db, batchId);
    if (!row) throw new AppError('not_found', 'Batch not found');
    batch = {
      batch_id: row.batch_id,
      status: row.status,
      progress_percent: Number(row.progress_percent),
      message: row.message,
      error: row.error,
      started_at: row.started_at?.toISOString() ?? null,
      ended_at: row.ended_at?.toISOString() ?? null,
      collectors: (await getBatchRuns(ctx.db, batchId)).map(runDto),
    };
  }
  return { active_collections: active, total_active: active.length, cleaned_stale_jobs: cleaned, batch, generated_at: new Date().toISOString() };
}

/** The latest run of each of these jobs, and how many failed in the last 24 hours (the dashboard's collector health). */
export async function jobHealth(ctx: RequestContext, jobNames: readonly string[]) {
  authorize(ctx.actor, 'jobs:read');
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const [last, failures] = await Promise.all([lastRunPerJob(ctx.db, jobNames), failedRunsSince(ctx.db, jobNames, since, 5)]);
  return { last: Object.fromEntries([...last].map(([name, run]) => [name, runDto(run)])), failures: failures.total };
}

/** Collector failures of the last 24 hours, for /api/status. */
export async function recentCollectorFailures(ctx: RequestContext) {
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const { rows, total } = await failedRunsSince(ctx.db, INVENTORY_JOB_NAMES, since, 5);
  return { rows, total };
}
