import { getDatabase } from '@/db';
import { env } from '@/lib/core/env';
import { executeJob } from '@/lib/jobs/execute';
import { getBoss } from '@/lib/jobs/queue';
import { jobs } from '@/lib/jobs/registry';
import { logger } from '@/lib/core/logger';
import { schedule } from './schedule';

/**
 * Starts the workers for every job and registers the schedules. Runs in
 * `npm run jobs`, and inside the web process in embedded mode.
 */
export async function startJobRuntime(): Promise<void> {
  const { db } = await getDatabase();
  const boss = await getBoss();
  for (const job of Object.values(jobs)) {
    await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([delivered]) => {
      if (!delivered) return;
      const data = (delivered.data ?? {}) as Record<string, unknown>;
      await executeJob(db, job, data, { retryCount: delivered.retryCount, retryLimit: delivered.retryLimit });
    });
  }
  const tz = env().SCHEDULE_TZ;
  for (const row of schedule) await boss.schedule(row.name, row.cron, {}, { tz });
  logger.info({ jobs: Object.keys(jobs), schedules: schedule.length, tz }, 'job workers started');
}
