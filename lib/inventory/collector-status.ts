import { failedRunsSince, getBatch, getBatchRuns, lastRunPerJob, latestRuns, openRuns, runDto } from '@/db/queries/inventory/runs';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { jobNamed } from '@/lib/jobs/registry';
import { finishRun } from '@/lib/jobs/runs';
import { ninjaOneSourceMode, threatLockerSourceMode } from './source-modes';
import { INVENTORY_SCHEDULE } from './schedule';
import { CROSS_VENDOR_JOB, VENDORS } from './vendors';

// What the collector endpoints report: each collector's state, recent runs,
// and live progress. Runs are MSP-wide, so only job readers (superusers) see them.

export const INVENTORY_JOB_NAMES = [VENDORS.ninja.jobName, VENDORS.threatlocker.jobName, CROSS_VENDOR_JOB.jobName] as const;

function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${m}m ${s % 60}s` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

export async function collectorStatus(ctx: RequestContext) {
  authorize(ctx.actor, 'jobs:read');
  const last = await lastRunPerJob(ctx.db, INVENTORY_JOB_NAMES);
  const running = await openRuns(ctx.db, INVENTORY_JOB_NAMES);
  const sources: Record<string, string> = {
    [VENDORS.ninja.jobName]: await ninjaOneSourceMode(ctx.db),
    [VENDORS.threatlocker.jobName]: await threatLockerSourceMode(ctx.db),
  };
  const collectors = INVENTORY_JOB_NAMES.map((jobName) => {
    const run = last.get(jobName);
    return {
      name: jobName === CROSS_VENDOR_JOB.jobName ? 'cross-vendor' : jobName.replace('-collector', ''),
      job_name: jobName,
      description: jobNamed(jobName)?.description ?? null,
      schedule: INVENTORY_SCHEDULE.find((s) => s.name === jobName)?.cron ?? null,
      timezone: env().SCHEDULE_TZ,
      source: sources[jobName] ?? null,
      is_running: running.some((r) => r.job_name === jobName),
      status: run?.status ?? 'never_run',
      last_run: run ? runDto(run) : null,
    };
  });
  return { collectors, generated_at: new Date().toISOString() };
}

export async function collectorHistory(ctx: RequestContext, limit: number) {
  authorize(ctx.actor, 'jobs:read');
  const runs = await latestRuns(ctx.db, INVENTORY_JOB_NAMES, limit);
  return { history: runs.map(runDto), total: runs.length, limit };
}

/** Marks runs that stopped reporting long past their time limit as failed (a process died mid-run). */
async function cleanStaleRuns(ctx: RequestContext): Promise<number> {
  const now = Date.now();
  let cleaned = 0;
  for (const run of await openRuns(ctx.db, INVENTORY_JOB_NAMES)) {
    const limitSeconds = jobNamed(run.job_name)?.expireInSeconds ?? 3600;
    if (run.status === 'running' && now - run.updated_at.getTime() > (limitSeconds + 300) * 1000) {
      await finishRun(ctx.db, run.job_id, { status: 'failed', error: `No progress for over ${Math.round(limitSeconds / 60)} minutes; the worker probably stopped` });
      cleaned += 1;
    }
  }
  return cleaned;
}

export async function collectorProgress(ctx: RequestContext, batchId?: string) {
  authorize(ctx.actor, 'jobs:read');
  const cleaned = await cleanStaleRuns(ctx);
  const now = Date.now();
  const active = (await openRuns(ctx.db, INVENTORY_JOB_NAMES)).map((run) => {
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

/** Collector failures of the last 24 hours, for /api/status. */
export async function recentCollectorFailures(ctx: RequestContext) {
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const { rows, total } = await failedRunsSince(ctx.db, INVENTORY_JOB_NAMES, since, 5);
  return { rows, total };
}
