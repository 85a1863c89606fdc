import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as refresh from '@/app/api/qbr/refresh/route';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld } from '@/tests/fixtures';
import { call } from '@/tests/http';

// The QBR collectors can be started from POST /api/qbr/refresh as from
// POST /api/collectors/run: through queueRun, so a run already queued is
// reported rather than queued again, and nothing is left queued without a job.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let superuser: string;

beforeAll(async () => {
  database = await useTestDatabase();
  const world = await seedWorld(database.db);
  superuser = await bearerFor(database.db, world.superuser.id);
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const refreshRuns = async (body: unknown) => {
  const res = await call(refresh.POST, '/api/qbr/refresh', { method: 'POST', headers: { authorization: superuser }, body });
  expect(res.status).toBe(202);
  return (res.json.data.runs as { job_name: string; job_id: string }[]).map((r) => r.job_id);
};

describe('POST /api/qbr/refresh through queueRun', () => {
  it('reports the run already queued for a refresh without a period, and queues a run of its own for a period', async () => {
    const first = await refreshRuns({ jobs: ['connectwise', 'qbr-metrics'] });
    const [again, concurrent] = await Promise.all([refreshRuns({ jobs: ['connectwise', 'qbr-metrics'] }), refreshRuns({ jobs: ['qbr-metrics'] })]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual([first[1]]);
    const forPeriod = await refreshRuns({ jobs: ['qbr-metrics'], period: '2025-Q1' });
    expect(forPeriod[0]).not.toBe(first[1]);

    const runs = await database.db.selectFrom('job_runs').select(['job_id', 'job_name', 'status']).orderBy('created_at').execute();
    expect(runs.map((r) => r.job_id).sort()).toEqual([...first, ...forPeriod].sort());
    // Every queued run has exactly one job in the queue, naming it.
    const boss = await getBoss();
    for (const run of runs) expect(await boss.findJobs(run.job_name, { data: { run_id: run.job_id } }), run.job_id).toHaveLength(1);
  });
});
