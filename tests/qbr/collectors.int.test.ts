import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { resetEnvForTests } from '@/lib/core/env';
import { executeJob } from '@/lib/jobs/execute';
import { storeQbrConfig } from '@/lib/qbr/config';
import { DEMO_ACCOUNT_MAPPINGS } from '@/lib/qbr/demo';
import { qbrFreshness } from '@/lib/qbr/freshness';
import { jobs as qbrJobs } from '@/jobs/registry';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '@/lib/simulators/connectwise';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '@/lib/simulators/quickbooks';
import { decryptToken } from '@/lib/vendors/quickbooks/token-store';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';

// The collectors as jobs, against the simulators configured as if they were
// the real vendors: paging, numbers per client, token rotation stored
// encrypted, and failures that keep the previous numbers.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;
let cw: ConnectWiseSimulator;
let qb: QuickBooksSimulator;
const NOW = new Date('2025-07-15T12:00:00Z');
const CLIENTS = ['Tenant A Co', 'Tenant B Co', 'Unmapped Inc'];
const saved: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (!(k in saved)) saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

const job = (name: string) => qbrJobs[name]!;
async function metric(org: number, period: string, name: string, source: string) {
  const row = await db.selectFrom('metrics_monthly').select('metric_value').where('organization_id', '=', org).where('period', '=', period).where('metric_name', '=', name).where('data_source', '=', source as 'collected').executeTakeFirst();
  return row ? Number(row.metric_value) : undefined;
}
async function fingerprint() {
  const rows = await db.selectFrom('metrics_monthly').select(['organization_id', 'period', 'metric_name', 'data_source', 'metric_value']).orderBy('id').execute();
  const sn = await db.selectFrom('smartnumbers').select(['organization_id', 'period', 'kpi_name', 'kpi_value']).orderBy('id').execute();
  return JSON.stringify([rows, sn]);
}
const inMonth = (iso: unknown, month: string) => typeof iso === 'string' && new Date(iso).toISOString().startsWith(month);

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  cw = await startConnectWiseSimulator({ clients: CLIENTS, ownCompanyName: 'Home MSP', now: NOW });
  qb = await startQuickBooksSimulator({ clients: CLIENTS, now: NOW });
  const company = (name: string) => String(cw.data.companies.find((c) => c.name === name)!.id);
  const customer = (name: string) => qb.data.customers.find((c) => c.DisplayName === name)!.Id;
  await storeQbrConfig(
    db,
    {
      reactive_boards: ['Help Desk'],
      closed_statuses: ['>Closed', '>Closed - No response', 'Closed'],
      account_mappings: DEMO_ACCOUNT_MAPPINGS,
      vendor_mappings: [
        { organization_id: world.orgA, vendor: 'connectwise', external_id: company('Tenant A Co'), external_name: 'Tenant A Co' },
        { organization_id: world.orgB, vendor: 'connectwise', external_id: company('Tenant B Co'), external_name: 'Tenant B Co' },
        { organization_id: world.orgA, vendor: 'quickbooks', external_id: customer('Tenant A Co'), external_name: 'Tenant A Co' },
      ],
    },
    null,
  );
  setEnv({ ...cw.config, ...qb.config });
});
afterAll(async () => {
  setEnv(saved);
  await cw.close();
  await qb.close();
  await database.drop();
});

describe('connectwise-collector', () => {
  it('pages through every ticket and counts reactive work per client and for the MSP', async () => {
    const outcome = await executeJob(db, job('connectwise-collector'), { from: '2023-01', to: '2025-06' });
    expect(outcome.status).toBe('completed');
    expect(outcome.message).toContain('(live)');
    // More tickets than one 1000-row page: the Link header was followed.
    const ticketPages = cw.requests.log.filter((r) => r.path.endsWith('/service/tickets') && r.query.page === '2');
    expect(ticketPages.length).toBeGreaterThan(0);

    const companyA = cw.data.companies.find((c) => c.name === 'Tenant A Co')!.id;
    const reactive = (t: (typeof cw.data.tickets)[number]) => (t.board as { name: string }).name === 'Help Desk' && t.parentTicketId === null;
    for (const month of ['2024-02', '2025-05']) {
      const createdA = cw.data.tickets.filter((t) => reactive(t) && t.company.id === companyA && inMonth(t._info.dateEntered, month)).length;
      const createdAll = cw.data.tickets.filter((t) => reactive(t) && inMonth(t._info.dateEntered, month)).length;
      const closedA = cw.data.tickets.filter((t) => reactive(t) && t.company.id === companyA && inMonth(t.closedDate, month)).length;
      const hoursA = cw.data.timeEntries
        .filter((e) => e.chargeToType === 'ServiceTicket' && e.ticketBoard === 'Help Desk' && (e.company as { id: number }).id === companyA && inMonth(e.timeStart, month))
        .reduce((s, e) => s + (e.actualHours as number), 0);
      expect(createdA).toBeGreaterThan(0);
      expect(await metric(world.orgA, month, 'reactive_tickets_created', 'collected')).toBe(createdA);
      expect(await metric(world.home, month, 'reactive_tickets_created', 'collected')).toBe(createdAll);
      expect(await metric(world.orgA, month, 'reactive_tickets_closed', 'collected')).toBe(closedA);
      expect(await metric(world.orgA, month, 'reactive_time_spent', 'collected')).toBeCloseTo(hoursA, 6);
    }
    // Quarters and SmartNumbers were computed after the collection.
    const sn = await db.selectFrom('smartnumbers').select('kpi_value').where('organization_id', '=', world.orgA).where('period', '=', '2025-Q2').where('kpi_name', '=', 'total_close_pct').executeTakeFirstOrThrow();
    expect(Number(sn.kpi_value)).toBeGreaterThan(0);
    expect(await metric(world.orgA, '2025-05', 'agreements', 'collected')).toBe(cw.data.agreements.filter((a) => (a.company as { id: number }).id === companyA && a.agreementStatus === 'Active').length);
  });

  it('fails clearly when ConnectWise is down and keeps the previous numbers', async () => {
    const before = await fingerprint();
    cw.setFaults({ kind: 'server_error', status: 503, path: 'service/tickets' });
    try {
      await expect(executeJob(db, job('connectwise-collector'), { period: '2025-Q2' })).rejects.toThrow(/ConnectWise/);
    } finally {
      cw.resetFaults();
    }
    expect(await fingerprint()).toBe(before);
    const fresh = await qbrFreshness(db);
    const source = fresh.sources.find((s) => s.source === 'connectwise')!;
    expect(source).toMatchObject({ is_stale: true, last_run_status: 'failed', mode: 'live' });
    expect(source.reason).toMatch(/latest run failed/);
    expect(source.last_success_at).not.toBeNull();
  });
});

describe('quickbooks-collector', () => {
  it('collects company and client money, and stores the rotated refresh token encrypted', async () => {
    const initial = qb.config.QUICKBOOKS_REFRESH_TOKEN;
    const outcome = await executeJob(db, job('quickbooks-collector'), { from: '2025-01', to: '2025-06' });
    expect(outcome.status).toBe('completed');
    const sum = (account: string, month: string, customerId?: string) =>
      qb.data.postings.filter((p) => p.account === account && p.month === month && (customerId === undefined || p.customerId === customerId)).reduce((s, p) => s + p.amount, 0);
    const customerA = qb.data.customers.find((c) => c.DisplayName === 'Tenant A Co')!.Id;
    expect(await metric(world.home, '2025-03', 'mrr', 'quickbooks')).toBeCloseTo(sum('managed', '2025-03'), 2);
    expect(await metric(world.home, '2025-03', 'employee_expense', 'quickbooks')).toBeCloseTo(sum('wages', '2025-03') + sum('payrollTaxes', '2025-03'), 2);
    expect(await metric(world.home, '2025-03', 'product_cogs', 'quickbooks')).toBeCloseTo(sum('hardwareCost', '2025-03') + sum('licenceCost', '2025-03'), 2);
    expect(await metric(world.orgA, '2025-03', 'mrr', 'quickbooks')).toBeCloseTo(sum('managed', '2025-03', customerA), 2);
    expect(await metric(world.orgA, '2025-03', 'employee_expense', 'quickbooks')).toBeUndefined();
    expect(await metric(world.orgB, '2025-03', 'mrr', 'quickbooks')).toBeUndefined(); // not mapped in QuickBooks

    const stored = await db.selectFrom('qbr_vendor_tokens').selectAll().executeTakeFirstOrThrow();
    const newest = qb.currentRefreshToken();
    expect(newest).not.toBe(initial);
    expect(stored.encrypted_token).not.toContain(newest);
    expect(decryptToken(stored.encrypted_token)).toBe(newest);

    // A later run (a restarted process) starts from the stored token; the configured one is spent.
    expect((await executeJob(db, job('quickbooks-collector'), { period: '2025-06' })).status).toBe('completed');
    expect(decryptToken((await db.selectFrom('qbr_vendor_tokens').select('encrypted_token').executeTakeFirstOrThrow()).encrypted_token)).toBe(qb.currentRefreshToken());
  });

  it('fails on a Fault inside an HTTP 200 and writes nothing', async () => {
    const before = await fingerprint();
    qb.setFaults({ kind: 'fault_in_200', path: 'ProfitAndLoss', message: 'Report is not available', code: '2020' });
    try {
      await expect(executeJob(db, job('quickbooks-collector'), { period: '2025-Q2' })).rejects.toThrow(/Fault.*2020|2020/);
    } finally {
      qb.resetFaults();
    }
    expect(await fingerprint()).toBe(before);
  });

  it('fails with invalid_grant when the token is revoked, keeps the old numbers and says the data is stale', async () => {
    const before = await fingerprint();
    qb.setFaults({ kind: 'revoked_token' });
    await expect(executeJob(db, job('quickbooks-collector'), { period: '2025-Q2' })).rejects.toThrow(/invalid_grant/);
    expect(await fingerprint()).toBe(before);
    const source = (await qbrFreshness(db)).sources.find((s) => s.source === 'quickbooks')!;
    expect(source.is_stale).toBe(true);
    expect(source.last_error).toMatch(/invalid_grant/);
    expect(source.reason).toMatch(/Reconnect QuickBooks/);

    // Reconnecting (a new configured token) replaces the spent chain.
    qb.resetFaults();
    const fresh = qb.reconnect();
    setEnv({ QUICKBOOKS_REFRESH_TOKEN: fresh });
    expect((await executeJob(db, job('quickbooks-collector'), { period: '2025-06' })).status).toBe('completed');
    expect((await qbrFreshness(db)).sources.find((s) => s.source === 'quickbooks')!.is_stale).toBe(false);
  });
});

describe('qbr-metrics with inventory snapshots', () => {
  it('counts endpoints and seats from the last NinjaOne snapshot of the month', async () => {
    const insertDevice = async (day: string, org: number | null, key: string, nodeClass: string, typeId: number, billingId: number) => {
      const identity = await db.insertInto('device_identity').values({ vendor_id: 1, vendor_device_key: `${key}-${day}`, first_seen_date: day, last_seen_date: day }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('device_snapshot').values({ snapshot_date: day, vendor_id: 1, device_identity_id: identity.id, organization_id: org, hostname: key, node_class: nodeClass, device_type_id: typeId, billing_status_id: billingId }).execute();
    };
    // ids from the inventory migration: device_type 1 server, 2 workstation; billing_status 1 billable, 2 spare.
    await insertDevice('2025-05-10', world.orgA, 'old', 'WINDOWS_WORKSTATION', 2, 1); // not the month's last day
    for (const [key, nodeClass, type, billing] of [
      ['ws1', 'WINDOWS_WORKSTATION', 2, 1],
      ['ws2', 'MAC', 2, 1],
      ['srv', 'WINDOWS_SERVER', 1, 1],
      ['guest', 'VMWARE_VM_GUEST', 1, 1],
      ['spare', 'WINDOWS_WORKSTATION', 2, 2],
    ] as const) {
      await insertDevice('2025-05-30', world.orgA, key, nodeClass, type, billing);
    }
    await insertDevice('2025-05-30', world.home, 'msp-ws', 'WINDOWS_WORKSTATION', 2, 1);
    expect((await executeJob(db, job('qbr-metrics'), { period: '2025-05' })).status).toBe('completed');
    expect(await metric(world.orgA, '2025-05', 'endpoints_managed', 'collected')).toBe(3);
    expect(await metric(world.orgA, '2025-05', 'seats_managed', 'collected')).toBe(2);
    expect(await metric(world.home, '2025-05', 'endpoints_managed', 'collected')).toBe(4);
    expect(await metric(world.home, '2025-05', 'seats_managed', 'collected')).toBe(2); // the MSP's own workstation is no seat
    const rhem = await db.selectFrom('smartnumbers').select('kpi_value').where('organization_id', '=', world.orgA).where('period', '=', '2025-05').where('kpi_name', '=', 'rhem').executeTakeFirstOrThrow();
    expect(Number(rhem.kpi_value)).toBeCloseTo((await metric(world.orgA, '2025-05', 'reactive_time_spent', 'collected'))! / 3, 9);
  });
});
