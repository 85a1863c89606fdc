import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as progressRoute from '@/app/api/collectors/progress/route';
import * as runRoute from '@/app/api/collectors/run/route';
import * as sequenceRoute from '@/app/api/collectors/sequence/run/route';
import { writeSetting } from '@/db/queries/settings';
import type { JobStatus } from '@/db/types';
import { startJobRuntime } from '@/jobs/runtime';
import { getBoss, stopBoss } from '@/lib/jobs/queue';
import { stopSimulators } from '@/lib/vendors/source';
import { demoNinjaOneSimulator } from '@/lib/vendors/ninjaone/source';
import { demoThreatLockerSimulator } from '@/lib/vendors/threatlocker/source';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { waitForBatch } from './helpers';

// The batch a collector trigger names, and what follows a batch: the seed's
// dashboards poll the batch_id they are given, and the Windows 11 assessment
// "runs after collectors complete".

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let superuser: string;

beforeAll(async () => {
  database = await useTestDatabase();
  const world = await seedWorld(database.db);
  // Demo mode: the collectors run against the built-in simulators.
  await writeSetting(database.db, 'demo', { seeded_at: new Date().toISOString() });
  superuser = await bearerFor(database.db, world.superuser.id);
  await startJobRuntime();
});
afterEach(async () => {
  (await demoNinjaOneSimulator()).resetFaults();
  (await demoThreatLockerSimulator()).resetFaults();
  await settle();
});
afterAll(async () => {
  await stopBoss();
  await stopSimulators();
  await database.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no job run is open, so that each test starts from rest. */
async function settle(timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while ((await database.db.selectFrom('job_runs').select('job_id').where('status', 'in', ['queued', 'running']).execute()).length > 0) {
    if (Date.now() > until) throw new Error('runs still open');
    await sleep(200);
  }
}

async function trigger(collectors: string[], runCrossVendor = false) {
  const res = await call(runRoute.POST, '/api/collectors/run', {
    method: 'POST',
    headers: { authorization: superuser },
    body: { collectors, run_cross_vendor: runCrossVendor },
  });
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  return res.json as { batch_id: string; status: string; collectors: { job_name: string; job_id: string; status: string }[] };
}

/** What GET /api/collectors/progress?batch_id= shows of a batch. */
async function batchProgress(batchId: string) {
  const res = await call(progressRoute.GET, `/api/collectors/progress?batch_id=${batchId}`, { headers: { authorization: superuser } });
  expect(res.status).toBe(200);
  return res.json.batch as { status: string; collectors: { job_id: string }[] };
}

async function waitForRunOf(jobName: string, status: JobStatus, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await database.db.selectFrom('job_runs').selectAll().where('job_name', '=', jobName).where('status', '=', status).executeTakeFirst();
    if (run) return run;
    if (Date.now() > until) throw new Error(`no ${status} run of ${jobName}`);
    await sleep(100);
  }
}

/** Every answer names a batch, and that batch shows every run the answer lists. */
async function expectPollable(answer: Awaited<ReturnType<typeof trigger>>) {
  expect(answer.batch_id).toMatch(/^bc_[0-9a-f]{8}$/);
  const shown = (await batchProgress(answer.batch_id)).collectors.map((c) => c.job_id);
  expect(shown).toEqual(expect.arrayContaining(answer.collectors.map((c) => c.job_id)));
}

describe('the batch a trigger names', () => {
  it('follows a scheduled run that was already under way', async () => {
    (await demoThreatLockerSimulator()).setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    // What the scheduler does: the job is queued without a run id, so its run belongs to no batch.
    await (await getBoss()).send('threatlocker-collector', {});
    const scheduled = await waitForRunOf('threatlocker-collector', 'running');
    expect(scheduled.batch_id).toBeNull();

    const answer = await trigger(['threatlocker']);
    expect(answer.collectors).toEqual([expect.objectContaining({ job_id: scheduled.job_id, status: 'running' })]);
    expect(answer.status).toBe('running');
    await expectPollable(answer);

    const batch = await waitForBatch(database.db, answer.batch_id);
    expect(batch).toMatchObject({ status: 'completed', progress_percent: 100 });
    expect(batch.started_at).toEqual(scheduled.started_at);
    // The run stays the scheduler's: the new batch follows it.
    expect((await database.db.selectFrom('job_runs').select('batch_id').where('job_id', '=', scheduled.job_id).executeTakeFirstOrThrow()).batch_id).toBeNull();
  });

  it('is the runs\' own batch when they share one', async () => {
    (await demoNinjaOneSimulator()).setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    const first = await trigger(['ninja', 'threatlocker']);
    const again = await trigger(['ninja', 'threatlocker']);
    expect(again.batch_id).toBe(first.batch_id);
    expect(again.collectors.map((c) => c.job_id)).toEqual(first.collectors.map((c) => c.job_id));
    await expectPollable(again);
    expect((await waitForBatch(database.db, first.batch_id)).status).toBe('completed');
  });

  it('is a new batch that follows runs of different batches, and ends when they do', async () => {
    (await demoNinjaOneSimulator()).setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    (await demoThreatLockerSimulator()).setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    const ninja = await trigger(['ninja']);
    const threatlocker = await trigger(['threatlocker']);
    const both = await trigger(['ninja', 'threatlocker']);
    expect(new Set([ninja.batch_id, threatlocker.batch_id, both.batch_id]).size).toBe(3);
    expect(both.collectors.map((c) => c.job_id)).toEqual([ninja.collectors[0]!.job_id, threatlocker.collectors[0]!.job_id]);
    await expectPollable(both);

    const followed = await waitForBatch(database.db, both.batch_id);
    expect(followed.status).toBe('completed');
    for (const own of [ninja, threatlocker]) expect((await waitForBatch(database.db, own.batch_id)).status).toBe('completed');
    expect((await batchProgress(both.batch_id)).status).toBe('completed');
  });

  it('also shows the runs under way when it starts others', async () => {
    (await demoNinjaOneSimulator()).setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    const ninja = await trigger(['ninja']);
    const mixed = await trigger(['ninja', 'threatlocker']);
    expect(mixed.batch_id).not.toBe(ninja.batch_id);
    expect(mixed.collectors.map((c) => c.job_name)).toEqual(['ninja-collector', 'threatlocker-collector']);
    expect(mixed.collectors[0]!.job_id).toBe(ninja.collectors[0]!.job_id);
    await expectPollable(mixed);
    expect((await waitForBatch(database.db, mixed.batch_id)).status).toBe('completed');
  });
});

describe('the Windows 11 assessment after a triggered batch', () => {
  /** The assessment batches queued because a batch ended. */
  const followUpsOf = (batchId: string) =>
    database.db.selectFrom('job_batches').select(['batch_id', 'status']).where('requested_by', '=', `after ${batchId}`).execute();

  async function waitForFollowUp(batchId: string, timeoutMs = 20_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const rows = await followUpsOf(batchId);
      if (rows.length > 0) return rows;
      if (Date.now() > until) throw new Error(`nothing queued after ${batchId}`);
      await sleep(100);
    }
  }

  it('runs once when a batch whose NinjaOne collection completed has ended', async () => {
    const started = new Date();
    const res = await call(sequenceRoute.POST, '/api/collectors/sequence/run', { method: 'POST', headers: { authorization: superuser } });
    expect(res.status).toBe(202);
    const batchId = res.json.batch_id as string;
    expect((await waitForBatch(database.db, batchId)).status).toBe('completed');

    const [followUp] = await waitForFollowUp(batchId);
    const runs = await database.db.selectFrom('job_runs').selectAll().where('batch_id', '=', followUp!.batch_id).execute();
    expect(runs.map((r) => r.job_name)).toEqual(['windows11-assessment']);
    expect((await waitForBatch(database.db, followUp!.batch_id)).status).toBe('completed');
    const assessed = await database.db.selectFrom('windows11_assessments').select('assessed_at').execute();
    expect(assessed.length).toBeGreaterThan(0);
    expect(assessed.every((a) => a.assessed_at >= started)).toBe(true);
    await settle();
    expect(await followUpsOf(batchId)).toHaveLength(1);
  });

  it('runs after a batch whose NinjaOne collection completed even when another collector failed', async () => {
    (await demoThreatLockerSimulator()).setFaults({ kind: 'unauthorized' });
    const answer = await trigger(['ninja', 'threatlocker']);
    expect((await waitForBatch(database.db, answer.batch_id)).status).toBe('failed');
    expect(await waitForFollowUp(answer.batch_id)).toHaveLength(1);
  });

  it('does not run after a batch without a completed NinjaOne collection', async () => {
    const threatlockerOnly = await trigger(['threatlocker']);
    (await demoNinjaOneSimulator()).setFaults({ kind: 'unauthorized' });
    const failedNinja = await trigger(['ninja']);
    for (const answer of [threatlockerOnly, failedNinja]) await waitForBatch(database.db, answer.batch_id);
    // A follow-up is queued by the run that ends the batch, right after it ends: give it ample time.
    await sleep(2000);
    await settle();
    for (const answer of [threatlockerOnly, failedNinja]) expect(await followUpsOf(answer.batch_id)).toEqual([]);
  });
});
