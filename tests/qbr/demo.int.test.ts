import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { seedDemo } from '@/lib/demo/seed';
import { executeJob } from '@/lib/jobs/execute';
import { seedQbrDemo } from '@/lib/qbr/demo';
import { qbrFreshness } from '@/lib/qbr/freshness';
import { jobs as qbrJobs } from '@/jobs/registry';
import { monthOf, previousMonth } from '@/lib/qbr/model/periods';
import { stopSimulators } from '@/lib/vendors/source';
import { useTestDatabase } from '@/tests/db';

// Demo mode: the QBR inputs and mappings for the demo organisations, and the
// collectors running against the built-in simulators.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  await seedDemo(db);
});
afterAll(async () => {
  await stopSimulators();
  await database.drop();
});

describe('QBR demo data', () => {
  it('maps the demo clients to the simulators by name and enters the hand-kept inputs, once', async () => {
    expect(await seedQbrDemo(db)).toBe(true);
    expect(await seedQbrDemo(db)).toBe(false);
    const mappings = await db
      .selectFrom('qbr_vendor_mappings')
      .innerJoin('organizations', 'organizations.id', 'qbr_vendor_mappings.organization_id')
      .select(['organizations.name', 'vendor', 'external_name'])
      .orderBy('vendor')
      .orderBy('organizations.name')
      .execute();
    expect(mappings).toEqual(
      ['connectwise', 'quickbooks'].flatMap((vendor) => ['Acme Dental', 'Birch & Rowe Legal', 'Cobalt Logistics'].map((name) => ({ name, vendor, external_name: name }))),
    );
    expect(await db.selectFrom('qbr_account_mappings').select('account_name').execute()).toHaveLength(12);
    const employees = await db.selectFrom('metrics_monthly').select(['period', 'metric_value']).where('metric_name', '=', 'technical_employees').where('data_source', '=', 'manual').orderBy('period').execute();
    expect(employees[0]).toEqual({ period: '2023-01', metric_value: '4' });
    expect(employees.at(-1)!.period).toBe(monthOf(new Date()).key);
    const endpoints = await db
      .selectFrom('metrics_monthly')
      .innerJoin('organizations', 'organizations.id', 'metrics_monthly.organization_id')
      .select(['organizations.name', 'organizations.is_home', 'metric_value'])
      .where('metric_name', '=', 'endpoints_managed')
      .where('period', '=', '2023-01')
      .where('data_source', '=', 'manual')
      .execute();
    expect(endpoints).toHaveLength(4);
    const home = endpoints.find((e) => e.is_home)!;
    expect(Number(home.metric_value)).toBe(endpoints.filter((e) => !e.is_home).reduce((sum, e) => sum + Number(e.metric_value), 0));
  });

  it('runs the collectors against the simulators and reports them as simulated', async () => {
    const period = previousMonth(monthOf(new Date())).key;
    const cw = await executeJob(db, qbrJobs['connectwise-collector']!, { period });
    const qb = await executeJob(db, qbrJobs['quickbooks-collector']!, { period });
    expect(cw).toMatchObject({ status: 'completed', message: expect.stringContaining('(simulated)') });
    expect(qb).toMatchObject({ status: 'completed', message: expect.stringContaining('(simulated)') });
    const acme = await db.selectFrom('organizations').select('id').where('name', '=', 'Acme Dental').executeTakeFirstOrThrow();
    const rows = await db.selectFrom('metrics_monthly').select(['metric_name', 'data_source']).where('organization_id', '=', acme.id).where('period', '=', period).execute();
    expect(rows).toEqual(expect.arrayContaining([{ metric_name: 'reactive_tickets_created', data_source: 'collected' }, { metric_name: 'mrr', data_source: 'quickbooks' }]));
    const fresh = await qbrFreshness(db);
    expect(fresh.sources.filter((s) => s.source !== 'metrics').map((s) => [s.source, s.mode, s.is_stale])).toEqual([
      ['connectwise', 'simulated', false],
      ['quickbooks', 'simulated', false],
    ]);
  });
});
