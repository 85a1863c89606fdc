import type { Logger } from 'pino';
import type { Db } from '@/db';
import { batchRuns } from '@/db/queries/jobs';
import { VENDORS } from '@/lib/inventory/vendors';
import { WINDOWS11_JOB } from '@/lib/inventory/windows11-jobs';
import { queueWindows11Assessment } from '@/lib/inventory/windows11-trigger';

// What is queued when a triggered batch has ended, keyed by the job that must
// have completed in it. Like the registry, this list names the domains' jobs;
// it lives apart because queueing imports the registry.

type FollowUp = { after: string; job: string; queue: (db: Db, requestedBy: string) => Promise<unknown> };

export const FOLLOW_UPS: readonly FollowUp[] = [
  // Seed 000: the Windows 11 24H2 assessment "runs after collectors complete".
  // It reads the NinjaOne snapshot, so it follows a batch whose NinjaOne
  // collection completed, even when another run of the batch failed; after a
  // failed NinjaOne collection there is no new snapshot to assess.
  { after: VENDORS.ninja.jobName, job: WINDOWS11_JOB.jobName, queue: queueWindows11Assessment },
];

/**
 * Queues the follow-ups of batches that have just ended. Only the call that
 * ended a batch is given its id (finishRun), so each batch is followed up once.
 * Never throws: the run that ended the batch has finished either way, and the
 * schedule still runs the follow-up later.
 */
export async function queueFollowUps(db: Db, endedBatches: readonly string[], log: Logger): Promise<void> {
  for (const batchId of endedBatches) {
    try {
      const completed = new Set((await batchRuns(db, batchId)).filter((r) => r.status === 'completed').map((r) => r.job_name));
      for (const followUp of FOLLOW_UPS.filter((f) => completed.has(f.after))) {
        await followUp.queue(db, `after ${batchId}`);
        log.info({ batch_id: batchId, job: followUp.job }, 'follow-up queued');
      }
    } catch (error) {
      log.error({ err: error, batch_id: batchId }, 'follow-up of a batch could not be queued');
    }
  }
}
