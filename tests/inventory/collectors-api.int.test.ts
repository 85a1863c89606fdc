import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/collectors/batches/[batch_id]/cancel/route';
import * as crossVendorRoute from '@/app/api/collectors/cross-vendor/run/route';
import * as historyRoute from '@/app/api/collectors/history/route';
import * as progressRoute from '@/app/api/collectors/progress/route';
import * as streamRoute from '@/app/api/collectors/progress/stream/route';
import * as runRoute from '@/app/api/collectors/run/route';
import * as sequenceRoute from '@/app/api/collectors/sequence/run/route';
import * as statusRoute from '@/app/api/collectors/status/route';
import * as tlRoute from '@/app/api/collectors/threatlocker/run/route';
import { writeSetting } from '@/db/queries/settings';
import { startJobRuntime } from '@/jobs/runtime';
import { signPayload } from '@/lib/inventory/callback';
import { resetEnvForTests } from '@/lib/core/env';
import { stopBoss } from '@/lib/jobs/queue';
import { stopSimulators } from '@/lib/vendors/source';
import { demoConnectWiseSimulator } from '@/lib/vendors/connectwise/source';
import { demoThreatLockerSimulator } from '@/lib/vendors/threatlocker/source';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { waitForBatch as waitForBatchRow } from './helpers';

const SECRET = 'test-webhook-secret-0123456789';
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let superuser: string;
let viewer: string;

beforeAll(async () => {
  process.env.WEBHOOK_SECRET = SECRET;
  resetEnvForTests();
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  // Demo mode: the collectors run against the built-in simulators.
  await writeSetting(database.db, 'demo', { seeded_at: new Date().toISOString() });
  superuser = await bearerFor(database.db, world.superuser.id);
  viewer = await bearerFor(database.db, world.viewerA.id);
  await startJobRuntime();
});
afterAll(async () => {
  await stopBoss();
  await stopSimulators();
  await database.drop();
  delete process.env.WEBHOOK_SECRET;
  resetEnvForTests();
});

const auth = (token: string) => ({ authorization: token });

const waitForBatch = (batchId: string) => waitForBatchRow(database.db, batchId);

describe('POST /api/collectors/run', () => {
  it('answers at once in the seed shape, then runs both collectors and the checks', async () => {
    const res = await call(runRoute.POST, '/api/collectors/run', {
      method: 'POST',
      headers: auth(superuser),
      body: { collectors: ['ninja', 'threatlocker'], priority: 'normal', run_cross_vendor: true },
    });
    expect(res.status).toBe(202);
    expect(Object.keys(res.json).sort()).toEqual(['batch_id', 'collectors', 'failed_jobs', 'message', 'status']);
    expect(res.json).toMatchObject({ batch_id: expect.stringMatching(/^bc_[0-9a-f]{8}$/), status: 'queued', message: 'Starting collectors: ninja, threatlocker', failed_jobs: [] });
    expect(res.json.collectors).toEqual([
      { job_name: 'ninja-collector', job_id: expect.stringMatching(/^ni_[0-9a-f]{8}$/), status: 'queued', started_at: expect.any(String) },
      { job_name: 'threatlocker-collector', job_id: expect.stringMatching(/^tl_[0-9a-f]{8}$/), status: 'queued', started_at: expect.any(String) },
      { job_name: 'cross-vendor', job_id: expect.stringMatching(/^cv_[0-9a-f]{8}$/), status: 'queued', started_at: expect.any(String) },
    ]);

    // A second trigger while the first is in flight reuses its runs.
    const again = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { collectors: ['ninja'] } });
    const first = res.json.collectors.map((c: { job_id: string }) => c.job_id);
    expect(again.json.collectors.map((c: { job_id: string }) => c.job_id)).toEqual([first[0], first[2]]);
    expect(again.json.message).toMatch(/already running: ninja-collector/);

    const batch = await waitForBatch(res.json.batch_id);
    expect(batch.status).toBe('completed');
    const runs = await database.db.selectFrom('job_runs').selectAll().where('batch_id', '=', res.json.batch_id).execute();
    expect(runs.map((r) => [r.job_name, r.status, r.progress_percent])).toEqual(
      expect.arrayContaining([
        ['ninja-collector', 'completed', 100],
        ['threatlocker-collector', 'completed', 100],
        ['cross-vendor', 'completed', 100],
      ]),
    );
    expect(runs.find((r) => r.job_name === 'cross-vendor')!.message).toMatch(/exceptions for/);
    const exceptions = await database.db.selectFrom('exceptions').select('type').execute();
    // Without confirmed organisation mappings, only the mapping-free checks can fire.
    expect([...new Set(exceptions.map((e) => e.type))]).toEqual(expect.arrayContaining(['MISSING_NINJA', 'DUPLICATE_TL', 'DISPLAY_NAME_MISMATCH']));
  });

  it('never runs the same collector twice when triggers arrive together', async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { collectors: ['ninja'], run_cross_vendor: false } })),
    );
    const ids = new Set(results.map((r) => r.json.collectors[0].job_id));
    expect(ids.size).toBe(1);
    const open = await database.db.selectFrom('job_runs').select('job_id').where('job_name', '=', 'ninja-collector').where('status', 'in', ['queued', 'running']).execute();
    expect(open.length).toBeLessThanOrEqual(1);
    await waitForBatch(results[0]!.json.batch_id);
  });

  it('waits with ?wait=true and returns the finished batch', async () => {
    const res = await call(tlRoute.POST, '/api/collectors/threatlocker/run?wait=true&timeout=60', { method: 'POST', headers: auth(superuser) });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('completed');
    expect(res.json.collectors).toEqual([expect.objectContaining({ job_name: 'threatlocker-collector', status: 'completed' })]);
  });

  it('runs the checks alone and the whole sequence on their own endpoints', async () => {
    const checks = await call(crossVendorRoute.POST, '/api/collectors/cross-vendor/run?wait=true', { method: 'POST', headers: auth(superuser), body: {} });
    expect(checks.status).toBe(200);
    expect(checks.json.collectors).toEqual([expect.objectContaining({ job_name: 'cross-vendor', status: 'completed' })]);
    const sequence = await call(sequenceRoute.POST, '/api/collectors/sequence/run?wait=true', { method: 'POST', headers: auth(superuser) });
    expect(sequence.json.collectors.map((c: { job_name: string; status: string }) => `${c.job_name}:${c.status}`)).toEqual([
      'ninja-collector:completed',
      'threatlocker-collector:completed',
      'cross-vendor:completed',
    ]);
  });

  it('refuses other roles, unknown collectors and bad bodies in the error format', async () => {
    const forbidden = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(viewer), body: {} });
    expect(forbidden.status).toBe(403);
    const unknown = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { collectors: ['datto'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({ status_code: 422, error: 'validation_failed' });
    const extra = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { collectors: ['ninja'], surprise: 1 } });
    expect(extra.status).toBe(422);
    const privateHook = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { callback_url: 'ftp://example.com/x' } });
    expect(privateHook.status).toBe(422);
    // Nothing was queued (earlier batches' Windows 11 follow-ups may still be running).
    expect(await database.db.selectFrom('job_runs').select('job_id').where('status', 'in', ['queued', 'running']).where('job_name', '!=', 'windows11-assessment').execute()).toEqual([]);
  });
});

describe('progress, history, status, cancel and callbacks', () => {
  it('reports status, history and progress in their shapes', async () => {
    const status = await call(statusRoute.GET, '/api/collectors/status', { headers: auth(superuser) });
    expect(status.status).toBe(200);
    expect(status.json.collectors.map((c: { job_name: string }) => c.job_name)).toEqual([
      'ninja-collector',
      'threatlocker-collector',
      'cross-vendor',
      'connectwise-collector',
      'quickbooks-collector',
      'qbr-metrics',
    ]);
    expect(status.json.collectors[0]).toMatchObject({ source: 'simulated', schedule: '10 2 * * *', status: 'completed', is_running: false });

    const history = await call(historyRoute.GET, '/api/collectors/history', { headers: auth(superuser) });
    expect(history.json.history.length).toBeGreaterThan(0);
    expect(history.json.history.length).toBeLessThanOrEqual(10);
    expect(history.json.history[0]).toMatchObject({ job_id: expect.any(String), status: expect.any(String), progress_percent: expect.any(Number) });

    const progress = await call(progressRoute.GET, '/api/collectors/progress', { headers: auth(superuser) });
    expect(progress.json).toMatchObject({ active_collections: [], total_active: 0, cleaned_stale_jobs: 0 });
    expect((await call(progressRoute.GET, '/api/collectors/progress', { headers: auth(viewer) })).status).toBe(403);
    expect((await call(progressRoute.GET, '/api/collectors/progress?batch_id=bc_00000000', { headers: auth(superuser) })).status).toBe(404);
  });

  it('reports the QBR collectors started through /api/collectors/run like the others', async () => {
    const cw = await demoConnectWiseSimulator();
    // The first ConnectWise request is slow, so the run is still under way when progress is read.
    cw.setFaults({ kind: 'slow', delayMs: 1500, times: 1 });
    try {
      const res = await call(runRoute.POST, '/api/collectors/run', {
        method: 'POST',
        headers: auth(superuser),
        body: { collectors: ['connectwise', 'quickbooks', 'qbr-metrics'], run_cross_vendor: false },
      });
      expect(res.status).toBe(202);
      expect(res.json.collectors.map((c: { job_name: string }) => c.job_name)).toEqual(['connectwise-collector', 'quickbooks-collector', 'qbr-metrics']);
      const [cwRun, qbRun, metricsRun] = res.json.collectors.map((c: { job_id: string }) => c.job_id) as string[];

      const progress = await call(progressRoute.GET, '/api/collectors/progress', { headers: auth(superuser) });
      expect(progress.json.active_collections).toEqual(expect.arrayContaining([expect.objectContaining({ job_id: cwRun, job_name: 'connectwise-collector', batch_id: res.json.batch_id })]));

      const batch = await waitForBatch(res.json.batch_id);
      const status = await call(statusRoute.GET, '/api/collectors/status', { headers: auth(superuser) });
      const byName = Object.fromEntries(status.json.collectors.map((c: { job_name: string }) => [c.job_name, c]));
      expect(byName['connectwise-collector']).toMatchObject({ name: 'connectwise', source: 'simulated', schedule: '15 22 * * *', is_running: false, last_run: { job_id: cwRun } });
      expect(byName['quickbooks-collector']).toMatchObject({ name: 'quickbooks', source: 'simulated', schedule: '30 22 * * *', last_run: { job_id: qbRun } });
      expect(byName['qbr-metrics']).toMatchObject({ name: 'qbr-metrics', source: null, schedule: '0 23 * * *', last_run: { job_id: metricsRun } });
      expect(batch.status).toBe('completed');

      const history = await call(historyRoute.GET, '/api/collectors/history?limit=5', { headers: auth(superuser) });
      expect(history.json.history.map((r: { job_id: string }) => r.job_id)).toEqual(expect.arrayContaining([cwRun, qbRun, metricsRun]));
    } finally {
      cw.resetFaults();
    }
  });

  it('cancels a running batch and streams its progress until it ends', async () => {
    const tl = await demoThreatLockerSimulator();
    tl.setFaults({ kind: 'slow', delayMs: 1500 });
    try {
      const res = await call(runRoute.POST, '/api/collectors/run', { method: 'POST', headers: auth(superuser), body: { collectors: ['threatlocker'], run_cross_vendor: false } });
      const batchId = res.json.batch_id as string;
      const streamed = call(streamRoute.GET, `/api/collectors/progress/stream?batch_id=${batchId}`, { headers: auth(superuser) });
      const until = Date.now() + 20_000;
      while ((await database.db.selectFrom('job_runs').select('status').where('batch_id', '=', batchId).executeTakeFirstOrThrow()).status !== 'running') {
        if (Date.now() > until) throw new Error('run never started');
        await new Promise((r) => setTimeout(r, 100));
      }
      const progress = await call(progressRoute.GET, `/api/collectors/progress?batch_id=${batchId}`, { headers: auth(superuser) });
      expect(progress.json.active_collections).toEqual([expect.objectContaining({ job_name: 'threatlocker-collector', status: 'running', is_active: true, progress_percent: expect.any(Number) })]);
      expect(progress.json.batch).toMatchObject({ batch_id: batchId, status: 'running' });

      const cancelled = await call(cancelRoute.POST, `/api/collectors/batches/${batchId}/cancel`, { method: 'POST', headers: auth(superuser), params: { batch_id: batchId } });
      expect(cancelled.status).toBe(200);
      expect(cancelled.json).toMatchObject({ batch_id: batchId, status: 'cancelled' });
      const stream = await streamed;
      expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
      expect(stream.text).toMatch(/event: progress\ndata: \{"batch_id":"bc_/);
      expect(stream.text).toMatch(/event: end\ndata: \{"batch_id":"[^"]+","status":"cancelled"\}/);
      const again = await call(cancelRoute.POST, `/api/collectors/batches/${batchId}/cancel`, { method: 'POST', headers: auth(superuser), params: { batch_id: batchId } });
      expect(again.status).toBe(409);
      expect((await call(cancelRoute.POST, '/api/collectors/batches/bc_00000000/cancel', { method: 'POST', headers: auth(superuser), params: { batch_id: 'bc_00000000' } })).status).toBe(404);
    } finally {
      tl.resetFaults();
    }
    // The cancelled collector stops at its next progress report; let it finish before other tests.
    const until = Date.now() + 20_000;
    while ((await database.db.selectFrom('job_runs').select('job_id').where('status', '=', 'running').execute()).length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('posts an HMAC-signed callback when the batch ends', async () => {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const res = await call(runRoute.POST, '/api/collectors/run', {
        method: 'POST',
        headers: auth(superuser),
        body: { collectors: ['threatlocker'], run_cross_vendor: false, callback_url: url },
      });
      expect(res.status).toBe(202);
      const until = Date.now() + 30_000;
      while (received.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(received).toHaveLength(1);
      const hook = received[0]!;
      const timestamp = String(hook.headers['x-signature-timestamp']);
      expect(hook.headers['x-signature']).toBe(signPayload(SECRET, timestamp, hook.body));
      expect(JSON.parse(hook.body)).toMatchObject({ event: 'collector_batch.finished', batch_id: res.json.batch_id, status: 'completed' });
    } finally {
      server.close();
    }
  });
});
