import type { Db } from '@/db';
import { actorLabel, authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { queueBatch } from '@/lib/jobs';
import { describeBatch, type TriggerResponse } from './control';
import { windows11AssessmentJob } from './windows11-jobs';

// POST /api/windows-11-24h2/run: the assessment on demand, recorded like the
// collector triggers (a batch with one run), at most one at a time.

/** Queues an assessment now (superusers), or reports the one already queued or running; answers like the collector triggers. */
export async function triggerWindows11Assessment(ctx: RequestContext): Promise<TriggerResponse> {
  authorize(ctx.actor, 'inventory:operate');
  return queueWindows11Assessment(ctx.db, actorLabel(ctx.actor));
}

/** The trigger without a caller: for start-up in demo mode. */
export async function queueWindows11Assessment(db: Db, requestedBy: string): Promise<TriggerResponse> {
  const job = windows11AssessmentJob;
  const batch = { requestedBy, options: { jobs: [job.name] }, message: 'Starting the Windows 11 24H2 assessment' };
  // A run under way without a batch (the scheduled one) gets a batch that follows it, so the caller can poll.
  const { batchId, runs } = await queueBatch(db, batch, [{ job }], { exclusive: true, send: { retryLimit: 0 } });
  const [{ run, isNew }] = runs as [(typeof runs)[number]];
  const message = isNew ? 'Starting the Windows 11 24H2 assessment' : `Already running: ${job.name} (${run.job_id})`;
  return describeBatch({ db }, batchId, [run.job_id], message);
}
