import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/lib/demo/seed';
import { seedInventoryDemo } from '@/lib/inventory/demo';
import { stopBoss } from '@/lib/jobs/queue';
import { stopSimulators } from '@/lib/vendors/source';
import { useTestDatabase } from '@/tests/db';

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  database = await useTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await stopBoss();
  await stopSimulators();
  await database.drop();
});

describe('inventory demo', () => {
  it('maps the simulated vendors to the demo clients and queues one collector sequence', async () => {
    const db = database.db;
    await seedInventoryDemo(db);
    const mapped = await db
      .selectFrom('vendor_organizations as vo')
      .innerJoin('organizations as o', 'o.id', 'vo.organization_id')
      .select(['vo.vendor_id', 'o.name'])
      .where('vo.status', '=', 'confirmed')
      .orderBy('vo.vendor_id')
      .orderBy('o.name')
      .execute();
    expect(mapped).toEqual([
      { vendor_id: 1, name: 'Acme Dental' },
      { vendor_id: 1, name: 'Birch & Rowe Legal' },
      { vendor_id: 1, name: 'Cobalt Logistics' },
      { vendor_id: 2, name: 'Acme Dental' },
      { vendor_id: 2, name: 'Birch & Rowe Legal' },
      { vendor_id: 2, name: 'Cobalt Logistics' },
    ]);
    // The other simulated clients stay as unconfirmed proposals (none match) for a superuser.
    expect(await db.selectFrom('vendor_organizations').select('id').where('status', '=', 'proposed').execute()).not.toHaveLength(0);
    const runs = await db.selectFrom('job_runs').select(['job_name', 'status']).orderBy('job_name').execute();
    expect(runs).toEqual([
      { job_name: 'cross-vendor', status: 'queued' },
      { job_name: 'ninja-collector', status: 'queued' },
      { job_name: 'threatlocker-collector', status: 'queued' },
    ]);

    // A second start changes no mapping and queues nothing new while the first sequence is pending.
    await db.updateTable('vendor_organizations').set({ organization_id: null, status: 'ignored' }).where('vendor_org_name', '=', 'Cobalt Logistics').execute();
    await seedInventoryDemo(db);
    expect(await db.selectFrom('job_runs').select('job_id').execute()).toHaveLength(3);
    expect(await db.selectFrom('vendor_organizations').select('status').where('vendor_org_name', '=', 'Cobalt Logistics').execute()).toEqual([{ status: 'ignored' }]);
  });
});
