import { sql } from 'kysely';
import type { Db } from '@/db';
import { OPEN_STATUSES } from '@/db/queries/inventory/runs';
import { actorLabel, authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { getBoss } from '@/lib/jobs/queue';
import { batchForRuns, createBatch, finishRun, newRunId, refreshBatch } from '@/lib/jobs/runs';
import { describeBatch, type TriggerResponse } from './control';
import { WINDOWS11_JOB } from './windows11-jobs';

// POST /api/windows-11-24h2/run: the assessment on demand, recorded like the
// collector triggers (a batch with one run), at most one at a time.

const TRIGGER_LOCK = 4_207_024;

/** Queues an assessment now (superusers), or reports the one already queued or running; answers like the collector triggers. */
export async function triggerWindows11Assessment(ctx: RequestContext): Promise<TriggerResponse> {
  authorize(ctx.actor, 'inventory:operate');
  return queueWindows11Assessment(ctx.db, actorLabel(ctx.actor));
}

/** The trigger without a caller: for start-up in demo mode. */
export async function queueWindows11Assessment(db: Db, requestedBy: string): Promise<TriggerResponse> {
  const ctx = { db };
  const planned = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${TRIGGER_LOCK})`.execute(trx);
    const open = await trx.selectFrom('job_runs').select(['job_id', 'batch_id']).where('job_name', '=', WINDOWS11_JOB.jobName).where('status', 'in', OPEN_STATUSES).orderBy('created_at').executeTakeFirst();
    const batch = { requestedBy, options: { jobs: [WINDOWS11_JOB.jobName] }, message: 'Starting the Windows 11 24H2 assessment' };
    // A run under way without a batch (the scheduled one) gets a batch that follows it, so the caller can poll.
    if (open) return { jobId: open.job_id, ...(await batchForRuns(trx, [open], batch)), isNew: false };
    const batchId = await createBatch(trx, batch);
    const jobId = newRunId(WINDOWS11_JOB.prefix);
    await trx.insertInto('job_runs').values({ job_id: jobId, job_name: WINDOWS11_JOB.jobName, batch_id: batchId, status: 'queued' }).execute();
    return { jobId, batchId, follows: false, isNew: true };
  });
  if (planned.follows) await refreshBatch(ctx.db, planned.batchId);
  const failed: TriggerResponse['failed_jobs'] = [];
  if (planned.isNew) {
    try {
      await (await getBoss()).send(WINDOWS11_JOB.jobName, { run_id: planned.jobId, batch_id: planned.batchId }, { retryLimit: 0 });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      failed.push({ job_name: WINDOWS11_JOB.jobName, job_id: planned.jobId, error: text });
      await finishRun(ctx.db, planned.jobId, { status: 'failed', error: `Could not queue: ${text}` });
    }
  }
  const message = planned.isNew ? 'Starting the Windows 11 24H2 assessment' : `Already running: ${WINDOWS11_JOB.jobName} (${planned.jobId})`;
  return describeBatch(ctx, planned.batchId, [planned.jobId], message, failed);
}
