import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitions } from '@/jobs/registry';
import { startJobRuntime } from '@/jobs/runtime';
import { scheduleOf, SCHEDULE_QUEUE } from '@/jobs/schedule';
import { purgeDeletedJob } from '@/lib/admin/jobs';
import { getBoss, prepareQueue, stopBoss } from '@/lib/jobs/queue';
import { useTestDatabase } from '@/tests/db';

// Schedules are triggers like any other: a due schedule sends a tick, and the
// tick queues the job's run through queueRun.

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

describe('schedules', () => {
  it('registers one schedule per scheduled job on the tick queue, replacing schedules on the jobs’ own queues', async () => {
    const boss = await getBoss();
    // How earlier versions scheduled a job: straight onto its queue, with no run recorded until a worker took it.
    await prepareQueue(purgeDeletedJob);
    await boss.schedule(purgeDeletedJob.name, '30 4 * * *', {}, { tz: 'UTC' });
    await startJobRuntime();
    const registered = await boss.getSchedules(SCHEDULE_QUEUE);
    expect(registered.map((s) => ({ name: s.key, cron: s.cron })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      scheduleOf(definitions).sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(registered.every((s) => (s.data as { job?: string }).job === s.key)).toBe(true);
    expect(await boss.getSchedules(purgeDeletedJob.name)).toEqual([]);
  });

  it('queues the run of a due schedule through queueRun, and the worker completes it', async () => {
    await (await getBoss()).send(SCHEDULE_QUEUE, { job: purgeDeletedJob.name });
    const until = Date.now() + 20_000;
    for (;;) {
      const runs = await database.db.selectFrom('job_runs').select(['job_id', 'status']).where('job_name', '=', purgeDeletedJob.name).execute();
      if (runs.some((r) => r.status === 'completed')) {
        expect(runs).toHaveLength(1);
        expect(runs[0]!.job_id).toMatch(/^pd_[0-9a-f]{8}$/);
        break;
      }
      if (Date.now() > until) throw new Error(`no completed run: ${JSON.stringify(runs)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });
});
