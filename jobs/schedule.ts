import type { PgBoss } from 'pg-boss';
import type { Db } from '@/db';
import { queueRun, type JobDefinition } from '@/lib/jobs';
import type { Logger } from 'pino';

// When each job runs by itself: derived from the definitions (cron, in
// SCHEDULE_TZ). pg-boss keeps the schedules and, when one is due, sends a
// tick to one queue; the tick queues the job's run through queueRun, like
// every other trigger.

export type ScheduleRow = { name: string; cron: string };

export const SCHEDULE_QUEUE = 'scheduled-runs';

export function scheduleOf(definitions: readonly JobDefinition[]): ScheduleRow[] {
  return definitions.flatMap((job) => (job.schedule ? [{ name: job.name, cron: job.schedule }] : []));
}

/** Registers the schedules (one per job, keyed by its name) and the worker that turns a tick into a run. */
export async function startSchedules(boss: PgBoss, db: Db, definitions: readonly JobDefinition[], tz: string, log: Logger): Promise<ScheduleRow[]> {
  const rows = scheduleOf(definitions);
  if (!(await boss.getQueue(SCHEDULE_QUEUE))) await boss.createQueue(SCHEDULE_QUEUE, { retryLimit: 2, retryDelay: 30 });
  for (const job of definitions) {
    // Earlier versions scheduled each job on its own queue, bypassing queueRun.
    await boss.unschedule(job.name);
  }
  for (const stale of await boss.getSchedules(SCHEDULE_QUEUE)) {
    if (!rows.some((r) => r.name === stale.key)) await boss.unschedule(SCHEDULE_QUEUE, stale.key);
  }
  for (const row of rows) await boss.schedule(SCHEDULE_QUEUE, row.cron, { job: row.name }, { tz, key: row.name });
  const byName = new Map(definitions.map((job) => [job.name, job]));
  await boss.work<{ job?: string }>(SCHEDULE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([tick]) => {
    const job = tick?.data?.job ? byName.get(tick.data.job) : undefined;
    if (!job) {
      log.warn({ tick: tick?.data }, 'a schedule names no known job');
      return;
    }
    const { run } = await queueRun(db, job, {});
    log.info({ job: job.name, run_id: run.job_id }, 'scheduled run queued');
  });
  return rows;
}
