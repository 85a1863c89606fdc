import { getDatabase } from '@/db';
import { env } from '@/lib/core/env';
import { logger } from '@/lib/core/logger';
import { executeDeliveries, executeJob, getBoss, prepareQueue } from '@/lib/jobs';
import { definitions } from './registry';
import { startSchedules } from './schedule';

/**
 * Starts the workers for every job and registers the schedules. Runs in
 * `npm run jobs`, and inside the web process in embedded mode.
 */
export async function startJobRuntime(): Promise<void> {
  const { db } = await getDatabase();
  const boss = await getBoss();
  for (const job of definitions) {
    await prepareQueue(job);
    if (job.batchSize && job.batchSize > 1) {
      // Taken in batches, and at once again while the batches come back full.
      await boss.work(job.name, { batchSize: job.batchSize, burstWhenBatchFull: true, pollingIntervalSeconds: 1, includeMetadata: true }, async (delivered) => {
        const deliveries = delivered.map((d) => ({ data: (d.data ?? {}) as Record<string, unknown>, retryCount: d.retryCount, retryLimit: d.retryLimit }));
        if (deliveries.length > 0) await executeDeliveries(db, job, deliveries);
      });
      continue;
    }
    await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([delivered]) => {
      if (!delivered) return;
      const data = (delivered.data ?? {}) as Record<string, unknown>;
      await executeJob(db, job, data, { retryCount: delivered.retryCount, retryLimit: delivered.retryLimit });
    });
  }
  const tz = env().SCHEDULE_TZ;
  const schedule = await startSchedules(boss, db, definitions, tz, logger);
  logger.info({ jobs: definitions.map((j) => j.name), schedules: schedule.length, tz }, 'job workers started');
}
