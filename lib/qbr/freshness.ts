import type { Db } from '@/db';
import { latestRunsOf } from '@/db/queries/qbr/job-runs';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import type { SourceMode } from '@/lib/vendors/source';
import { connectWiseMode } from '@/lib/vendors/connectwise/source';
import { quickBooksMode } from '@/lib/vendors/quickbooks/source';
import type { QbrFreshness, SourceFreshness } from './dto';
import { connectWiseCollectorJob, qbrMetricsJob, quickBooksCollectorJob } from './jobs';

// How current the QBR numbers are, for the QBR page and /api/status: per
// source, when it last succeeded, whether the latest run failed (and why),
// and whether the data is stale. A failed run keeps the previous numbers,
// so the page shows them with the reason they may be out of date.

/** Collected nightly: older than this, the numbers are stale. */
const STALE_AFTER_HOURS = 36;

export async function qbrFreshness(db: Db, now: Date = new Date()): Promise<QbrFreshness> {
  const runs = await latestRunsOf(db, [connectWiseCollectorJob.name, quickBooksCollectorJob.name, qbrMetricsJob.name]);
  const modes: Record<string, SourceMode | null> = {
    [connectWiseCollectorJob.name]: await connectWiseMode(db),
    [quickBooksCollectorJob.name]: await quickBooksMode(db),
    [qbrMetricsJob.name]: null,
  };
  const sourceOf = new Map<string, SourceFreshness['source']>([
    [connectWiseCollectorJob.name, 'connectwise'],
    [quickBooksCollectorJob.name, 'quickbooks'],
    [qbrMetricsJob.name, 'metrics'],
  ]);
  const sources = runs.map((r): SourceFreshness => {
    const lastRunAt = r.last_run ? (r.last_run.ended_at ?? r.last_run.created_at) : null;
    const ageHours = r.last_success_at ? (now.getTime() - r.last_success_at.getTime()) / 3_600_000 : null;
    const failed = r.last_run?.status === 'failed';
    const reason = failed
      ? `The latest run failed: ${r.last_run?.error ?? 'unknown error'}. The numbers shown are from the last successful run${r.last_success_at ? ` (${r.last_success_at.toISOString()})` : ''}.`
      : ageHours === null
        ? r.job_name === qbrMetricsJob.name
          ? 'Never run on this installation.'
          : 'Never collected on this installation.'
        : ageHours > STALE_AFTER_HOURS
          ? `Last collected ${Math.floor(ageHours)} hours ago.`
          : null;
    return {
      // The runs read are those of these three jobs.
      source: sourceOf.get(r.job_name)!,
      job_name: r.job_name,
      mode: modes[r.job_name] ?? null,
      last_success_at: r.last_success_at?.toISOString() ?? null,
      last_run_status: r.last_run?.status ?? null,
      last_run_at: lastRunAt?.toISOString() ?? null,
      last_error: failed ? (r.last_run?.error ?? null) : null,
      is_stale: reason !== null,
      reason,
    };
  });
  return { is_stale: sources.some((s) => s.is_stale), sources, checked_at: now.toISOString() };
}

/** GET /api/qbr/status: anyone who may read QBRs may see how current they are. */
export async function getQbrStatus(ctx: RequestContext): Promise<QbrFreshness> {
  authorize(ctx.actor, 'qbr:read');
  return qbrFreshness(ctx.db);
}
