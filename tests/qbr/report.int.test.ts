import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as report from '@/app/api/qbr/report/route';
import type { Db } from '@/db';
import { executeJob } from '@/lib/jobs/execute';
import { jobs as qbrJobs } from '@/jobs/registry';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';

// The client QBR PDF, read back as text.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;
let hasInventory = false;

async function put(org: number, period: string, source: 'collected' | 'quickbooks', values: Record<string, number>) {
  await db.insertInto('metrics_monthly').values(Object.entries(values).map(([metric_name, v]) => ({ organization_id: org, period, metric_name, metric_value: String(v), data_source: source }))).execute();
}

async function download(path: string, token: string) {
  const res = await report.GET(new Request(`http://localhost${path}`, { headers: { authorization: token } }), { params: Promise.resolve({}) });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  const months = ['2025-04', '2025-05', '2025-06'];
  for (const [i, m] of months.entries()) {
    await put(world.orgA, m, 'collected', { reactive_tickets_created: 10 + i, reactive_time_spent: 8, endpoints_managed: 40, seats_managed: 30, tickets_with_sla: 10, tickets_in_sla: 9, response_hours_total: 5, tickets_responded: 10 });
    await put(world.orgA, m, 'quickbooks', { mrr: 4000, nrr: 1000 });
  }
  await put(world.orgA, '2025-06', 'collected', { aged_backlog: 2 });
  await put(world.orgA, '2025-01', 'collected', { reactive_tickets_created: 20, reactive_time_spent: 30, endpoints_managed: 40 });
  // A device without ThreatLocker, and a Drupal site needing a security update, when those domains are installed.
  hasInventory = Boolean((await sql<{ t: string | null }>`select to_regclass('public.exceptions')::text as t`.execute(db)).rows[0]?.t);
  if (hasInventory) {
    await sql`insert into exceptions (type, hostname, organization_id, first_seen_date, last_seen_date) values ('MISSING_THREATLOCKER', 'ACME-PC-07', ${world.orgA}, '2025-06-01', '2025-06-30')`.execute(db);
  }
  expect((await executeJob(db, qbrJobs['qbr-metrics']!, { from: '2025-01', to: '2025-06' })).status).toBe('completed');
});
afterAll(async () => database.drop());

describe('GET /api/qbr/report', () => {
  it('sends the client QBR as a PDF whose text carries the numbers', async () => {
    const { res, bytes } = await download('/api/qbr/report?period=2025-Q2', await bearerFor(db, world.viewerA.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="qbr-tenant-a-2025-Q2.pdf"');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain('Quarterly business review: Tenant A');
    expect(text).toContain('Quarter 2025-Q2, compared with 2025-Q1 and 2024-Q2');
    expect(text).toMatch(/SLA attainment\s+90%/);
    expect(text).toMatch(/Reactive hours per endpoint per month\s+0\.2 h/); // 24 h ÷ 40 ÷ 3
    expect(text).toMatch(/Tickets per endpoint per month\s+0\.28/); // 33 ÷ 3 ÷ 40
    expect(text).toMatch(/Revenue\s+\$15,000/);
    expect(text).toMatch(/Reactive hours\s+24 h\s+-6 h\s+n\/a/); // vs 30 h in 2025-Q1, nothing in 2024-Q2
    expect(text).toMatch(/Reactive tickets created\s+33\s+\+13/);
    expect(text).not.toMatch(/\u2212/);
    expect(text).toMatch(/Revenue per endpoint per month\s+\$125/);
    expect(text).toMatch(/Aged backlog \(open > 30 days\)\s+2/);
    expect(text).toMatch(/2025-05\s+40\s+30\s+11\s+8 h\s+90%\s+0\.5 h\s+\$5,000/);
    if (hasInventory) expect(text).toContain('Devices missing ThreatLocker: 1 (ACME-PC-07)');
    else expect(text).not.toContain('Security and lifecycle');
  });

  it('keeps other tenants out and refuses bad periods', async () => {
    const tokenA = await bearerFor(db, world.adminA.id);
    expect((await download(`/api/qbr/report?organization_id=${world.orgB}`, tokenA)).res.status).toBe(404);
    const bad = await download('/api/qbr/report?period=2025-Q5', tokenA);
    expect(bad.res.status).toBe(422);
  });
});
