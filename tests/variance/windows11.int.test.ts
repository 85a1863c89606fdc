import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import * as compatibleRoute from '@/app/api/windows-11-24h2/compatible/route';
import * as exportRoute from '@/app/api/windows-11-24h2/export/route';
import * as incompatibleRoute from '@/app/api/windows-11-24h2/incompatible/route';
import * as runRoute from '@/app/api/windows-11-24h2/run/route';
import * as statusRoute from '@/app/api/windows-11-24h2/status/route';
import { startJobRuntime } from '@/jobs/runtime';
import { collectNinjaOne } from '@/lib/inventory/collect';
import { VENDORS } from '@/lib/inventory/vendors';
import { windows11AssessmentJob } from '@/lib/inventory/windows11-jobs';
import { executeJob } from '@/lib/jobs/execute';
import { stopBoss } from '@/lib/jobs/queue';
import { finishRun } from '@/lib/jobs/chain';
import { createRun } from '@/lib/jobs/runs';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { startVendors, type VendorPair } from '@/tests/inventory/helpers';

// The assessment job over a real NinjaOne collection (simulator fleet), and
// the seed's endpoints on its results.

const DATE = '2026-11-20';
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let vendors: VendorPair;
const tokens: Record<string, string> = {};
const auth = (name: string) => ({ headers: { authorization: tokens[name]! } });

async function assessments() {
  return database.db.selectFrom('windows11_assessments').selectAll().execute();
}

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  vendors = await startVendors(160);
  await collectNinjaOne(database.db, vendors.ninjaClient(), { snapshotDate: DATE });
  // Map the fleet's first two client organisations to tenants A and B.
  const names = await database.db.selectFrom('device_snapshot').select('organization_name').distinct().where('vendor_id', '=', VENDORS.ninja.id).orderBy('organization_name').execute();
  const [first, second] = names.map((n) => n.organization_name);
  await database.db.updateTable('device_snapshot').set({ organization_id: world.orgA }).where('organization_name', '=', first!).execute();
  await database.db.updateTable('device_snapshot').set({ organization_id: world.orgB }).where('organization_name', '=', second!).execute();
  for (const name of ['root', 'viewerA', 'adminB']) {
    const user = name === 'root' ? world.superuser : name === 'viewerA' ? world.viewerA : world.adminB;
    tokens[name] = await bearerFor(database.db, user.id);
  }
});
afterAll(async () => {
  await stopBoss();
  await vendors.close();
  await database.drop();
});

describe('windows11-assessment job', () => {
  it('assesses every device of the latest NinjaOne snapshot and records the run', async () => {
    const outcome = await executeJob(database.db, windows11AssessmentJob, {});
    expect(outcome.status).toBe('completed');
    expect(outcome.runId).toMatch(/^w24_[0-9a-f]{8}$/);
    const rows = await assessments();
    const devices = await database.db.selectFrom('device_snapshot').select(['device_identity_id', 'device_type_name', 'os_name']).where('vendor_id', '=', VENDORS.ninja.id).where('snapshot_date', '=', DATE).execute();
    expect(rows).toHaveLength(devices.length);
    expect(new Set(rows.map((r) => r.device_identity_id))).toEqual(new Set(devices.map((d) => d.device_identity_id)));
    for (const row of rows) {
      expect(row.snapshot_date).toBe(DATE);
      const deficiencies = row.deficiencies as { requirement: string; status: string }[];
      if (row.outcome === 'incompatible') expect(deficiencies.some((d) => d.status === 'incompatible')).toBe(true);
      if (row.outcome === 'unknown') expect(deficiencies.some((d) => d.status === 'unknown')).toBe(true);
      if (row.outcome === 'compatible') expect(deficiencies).toEqual([]);
      if (row.device_type === 'server') expect(row.outcome).toBe('excluded');
    }
    const outcomes = new Set(rows.map((r) => r.outcome));
    for (const o of ['compatible', 'incompatible', 'excluded']) expect(outcomes).toContain(o);
  });

  it('never fails the processors the original misread (i7-10700, Ryzen 5 5600X)', async () => {
    const rows = await assessments();
    const withCpu = (fragment: string) => rows.filter((r) => String((r.hardware as { cpu_model?: string }).cpu_model ?? '').includes(fragment) && r.outcome !== 'excluded');
    for (const fragment of ['i7-10700', 'Ryzen 5 5600X', 'Ultra 7 155H']) {
      for (const row of withCpu(fragment)) expect((row.deficiencies as { requirement: string }[]).map((d) => d.requirement)).not.toContain('processor');
    }
    const old = withCpu('i5-6500');
    for (const row of old) expect(row.deficiencies).toContainEqual(expect.objectContaining({ requirement: 'processor', status: 'incompatible' }));
  });

  it('calls a device with missing hardware data "unknown", never "incompatible", and disabled TPM "remediable"', async () => {
    const candidates = (await assessments()).filter((r) => r.outcome === 'compatible');
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    const [blank, disabled] = candidates;
    await database.db.updateTable('device_snapshot').set({ memory_bytes: null, system_drive_bytes: null, has_tpm: null, tpm_enabled: null, tpm_version: null, secure_boot_available: null, secure_boot_enabled: null }).where('device_identity_id', '=', blank!.device_identity_id).execute();
    await database.db.updateTable('device_snapshot').set({ has_tpm: true, tpm_version: '2.0, 0, 1.38', tpm_enabled: false }).where('device_identity_id', '=', disabled!.device_identity_id).execute();
    await executeJob(database.db, windows11AssessmentJob, {});
    const after = await assessments();
    const blankNow = after.find((r) => r.device_identity_id === blank!.device_identity_id)!;
    expect(blankNow.outcome).toBe('unknown');
    expect((blankNow.deficiencies as { status: string }[]).every((d) => d.status === 'unknown')).toBe(true);
    const disabledNow = after.find((r) => r.device_identity_id === disabled!.device_identity_id)!;
    expect(disabledNow.outcome).toBe('remediable');
    expect(disabledNow.deficiencies).toEqual([expect.objectContaining({ requirement: 'tpm', status: 'remediable', current_value: 'TPM 2.0, disabled' })]);
  });
});

describe('GET /api/windows-11-24h2/…', () => {
  it('status counts add up to the assessed Windows devices', async () => {
    const res = await call(statusRoute.GET, '/api/windows-11-24h2/status', auth('root'));
    expect(res.status).toBe(200);
    const s = res.json;
    const rows = await assessments();
    const count = (o: string) => rows.filter((r) => r.outcome === o).length;
    expect(s.compatible_for_upgrade).toBe(count('compatible'));
    expect(s.incompatible).toBe(count('incompatible'));
    expect(s.remediable).toBe(count('remediable'));
    expect(s.unknown).toBe(count('unknown'));
    expect(s.total_compatible).toBe(s.already_compatible + s.compatible_for_upgrade);
    expect(s.total_windows).toBe(s.total_compatible + s.remediable + s.incompatible + s.unknown + s.not_assessed);
    expect(s.not_assessed).toBe(0);
    expect(s.compatibility_rate).toBeCloseTo((s.total_compatible / s.total_windows) * 100, 1);
    expect(s.snapshot_date).toBe(DATE);
    expect(typeof s.last_assessment).toBe('string');
  });

  it('lists devices not ready with their reasons, and ready devices with what they passed', async () => {
    const notReady = await call(incompatibleRoute.GET, '/api/windows-11-24h2/incompatible', auth('root'));
    expect(notReady.status).toBe(200);
    const s = (await call(statusRoute.GET, '/api/windows-11-24h2/status', auth('root'))).json;
    expect(notReady.json.total_count).toBe(s.incompatible + s.remediable + s.unknown);
    for (const d of notReady.json.devices) {
      expect(d.deficiencies.length).toBeGreaterThan(0);
      for (const x of d.deficiencies) expect(Object.keys(x).sort()).toEqual(['current_value', 'remediation', 'required_value', 'requirement', 'status']);
      expect(['Incompatible', 'Remediable', 'Needs review']).toContain(d.status);
    }
    const only = await call(incompatibleRoute.GET, '/api/windows-11-24h2/incompatible?outcome=remediable', auth('root'));
    expect(only.json.devices.length).toBeGreaterThan(0);
    expect([...new Set(only.json.devices.map((d: { outcome: string }) => d.outcome))]).toEqual(['remediable']);
    const ready = await call(compatibleRoute.GET, '/api/windows-11-24h2/compatible?limit=5', auth('root'));
    expect(ready.json.total_count).toBe(s.total_compatible);
    expect(ready.json.devices).toHaveLength(Math.min(5, s.total_compatible));
    for (const d of ready.json.devices) {
      expect(['Compatible for Upgrade', 'Already Compatible']).toContain(d.status);
      expect(d.deficiencies).toEqual([]);
    }
    expect((await call(incompatibleRoute.GET, '/api/windows-11-24h2/incompatible?outcome=excluded', auth('root'))).status).toBe(422);
  });

  it('keeps tenants to their own devices', async () => {
    const rows = await assessments();
    const mine = rows.filter((r) => r.organization_id === world.orgA);
    expect(mine.length).toBeGreaterThan(0);
    const viewer = await call(compatibleRoute.GET, '/api/windows-11-24h2/compatible', auth('viewerA'));
    const notReady = await call(incompatibleRoute.GET, '/api/windows-11-24h2/incompatible', auth('viewerA'));
    for (const d of [...viewer.json.devices, ...notReady.json.devices]) expect(d.organization_id).toBe(world.orgA);
    const status = (await call(statusRoute.GET, '/api/windows-11-24h2/status', auth('viewerA'))).json;
    const windowsA = mine.filter((r) => r.outcome !== 'excluded' || r.excluded_reason === 'already_24h2_or_newer').length;
    expect(status.total_windows).toBe(windowsA);
    const other = await call(compatibleRoute.GET, `/api/windows-11-24h2/compatible?organization_id=${world.orgA}`, auth('adminB'));
    expect(other.json.total_count).toBe(0);
  });

  it('exports readiness as CSV, Excel and PDF, read back equal to the lists', async () => {
    const get = async (path: string, who: string) => {
      const res = await exportRoute.GET(new Request(`http://localhost${path}`, { headers: { authorization: tokens[who]! } }), { params: Promise.resolve({}) });
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    };
    const s = (await call(statusRoute.GET, '/api/windows-11-24h2/status', auth('root'))).json;
    const csv = await get('/api/windows-11-24h2/export?format=csv', 'root');
    expect(csv.status).toBe(200);
    const rows = parse(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(s.total_windows - s.not_assessed);
    const notReady = (await call(incompatibleRoute.GET, '/api/windows-11-24h2/incompatible', auth('root'))).json.devices as { hostname: string; status: string; deficiencies: unknown[] }[];
    for (const d of notReady) {
      const row = rows.find((r) => r.Hostname === d.hostname)!;
      expect(row.Status).toBe(d.status);
      expect(row['Failed requirements']).not.toBe('');
    }

    const xlsx = await get('/api/windows-11-24h2/export?format=xlsx&scope=not_ready', 'root');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Devices']);
    expect(workbook.getWorksheet('Devices')!.rowCount).toBe(notReady.length + 1);

    const pdf = await get('/api/windows-11-24h2/export?format=pdf&scope=not_ready', 'root');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.body)), { mergePages: true });
    expect(text).toContain('Windows 11 24H2 readiness');
    for (const d of notReady.slice(0, 5)) expect(text).toContain(d.hostname);

    const viewer = parse((await get('/api/windows-11-24h2/export?format=csv', 'viewerA')).body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(viewer.length).toBeGreaterThan(0);
    expect(new Set(viewer.map((r) => r.Client))).toEqual(new Set(['Tenant A']));
    expect((await get('/api/windows-11-24h2/export?format=doc', 'root')).status).toBe(422);
  });

  it('POST /run names a batch that follows an assessment already under way', async () => {
    // A scheduled run, as the worker records it when the schedule delivers the job: no batch.
    const scheduled = await createRun(database.db, { jobName: windows11AssessmentJob.name, prefix: windows11AssessmentJob.prefix });
    const res = await call(runRoute.POST, '/api/windows-11-24h2/run', { method: 'POST', ...auth('root') });
    expect(res.status).toBe(202);
    expect(res.json.batch_id).toMatch(/^bc_[0-9a-f]{8}$/);
    expect(res.json.collectors).toEqual([expect.objectContaining({ job_id: scheduled.job_id, status: 'queued' })]);
    // When the run ends, so does the batch the caller polls.
    expect(await finishRun(database.db, scheduled.job_id, { status: 'completed', message: 'done' })).toEqual([res.json.batch_id]);
    const batch = await database.db.selectFrom('job_batches').select('status').where('batch_id', '=', res.json.batch_id).executeTakeFirstOrThrow();
    expect(batch.status).toBe('completed');
  });

  it('POST /run is for superusers and queues a run that the worker completes', async () => {
    expect((await call(runRoute.POST, '/api/windows-11-24h2/run', { method: 'POST', ...auth('viewerA') })).status).toBe(403);
    expect((await call(runRoute.POST, '/api/windows-11-24h2/run', { method: 'POST' })).status).toBe(401);
    await startJobRuntime();
    const before = (await assessments())[0]!.assessed_at;
    const res = await call(runRoute.POST, '/api/windows-11-24h2/run', { method: 'POST', ...auth('root') });
    expect(res.status).toBe(202);
    expect(res.json.batch_id).toMatch(/^bc_[0-9a-f]{8}$/);
    expect(res.json.collectors).toEqual([expect.objectContaining({ job_name: 'windows11-assessment', job_id: expect.stringMatching(/^w24_/) })]);
    const jobId = res.json.collectors[0].job_id as string;
    const until = Date.now() + 30_000;
    let status = 'queued';
    while (['queued', 'running'].includes(status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await database.db.selectFrom('job_runs').select('status').where('job_id', '=', jobId).executeTakeFirstOrThrow()).status;
    }
    expect(status).toBe('completed');
    expect((await assessments())[0]!.assessed_at.getTime()).toBeGreaterThan(before.getTime());
  });
});
