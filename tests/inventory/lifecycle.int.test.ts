import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { buildDemoFleet } from '@/lib/simulators/fleet/demo';
import { createNinjaOneClient } from '@/lib/vendors/ninjaone/client';
import { startNinjaOneSimulator } from '@/lib/simulators/ninjaone';
import type { Fleet } from '@/lib/simulators/fleet/types';
import { createThreatLockerClient } from '@/lib/vendors/threatlocker/client';
import { startThreatLockerSimulator } from '@/lib/simulators/threatlocker';
import { useTestDatabase } from '@/tests/db';
import { seedDemoOrganizations } from './helpers';

// Three consecutive days of collection and checks, with the fleet changing in
// between: exceptions are updated, resolved by the collector, reopened, and
// a manual fix is verified or contradicted by the next day's data.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const DAYS = ['2025-09-27', '2025-09-28', '2025-09-29'];
const baseFleet = () => buildDemoFleet({ size: 120, now: Date.UTC(2025, 8, 29, 9) });

beforeAll(async () => {
  database = await useTestDatabase();
  const orgs = await seedDemoOrganizations(database.db);
  // Confirmed mappings put devices in tenants, which MISSING_THREATLOCKER needs.
  await database.db.insertInto('vendor_organizations').values([
    { vendor_id: 1, vendor_org_id: '7', vendor_org_name: 'Acme Dental', organization_id: orgs['Acme Dental']!, status: 'confirmed' },
    { vendor_id: 2, vendor_org_id: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', vendor_org_name: 'Acme Dental', organization_id: orgs['Acme Dental']!, status: 'confirmed' },
  ]).execute();
});
afterAll(async () => database.drop());

async function collectDay(fleet: Fleet, date: string) {
  const ninja = await startNinjaOneSimulator({ fleet });
  const tl = await startThreatLockerSimulator({ fleet });
  try {
    await collectNinjaOne(database.db, createNinjaOneClient({ baseUrl: ninja.url, clientId: ninja.credentials.clientId, clientSecret: ninja.credentials.clientSecret }), { snapshotDate: date });
    await collectThreatLocker(database.db, createThreatLockerClient({ baseUrl: tl.url, apiKey: tl.apiKey, organizationId: tl.parentOrganizationId }), { snapshotDate: date });
  } finally {
    await ninja.close();
    await tl.close();
  }
  return runCrossVendorChecks(database.db);
}

const exceptionOf = (type: string, hostname: string) =>
  database.db.selectFrom('exceptions').selectAll().where('type', '=', type).where('hostname', '=', hostname).executeTakeFirstOrThrow();

async function markFixed(id: number) {
  await database.db
    .updateTable('exceptions')
    .set({ resolved: true, variance_status: 'manually_fixed', manually_updated_at: new Date(), manually_updated_by: 'ops@msp', resolved_at: new Date(), resolved_by: 'ops@msp' })
    .where('id', '=', id)
    .execute();
}

describe('exception lifecycle over three days', () => {
  const fleet = baseFleet();
  // Names with a single ThreatLocker record (duplicates of a truncated name cannot be paired by prefix).
  const tlNames = fleet.threatLockerComputers.map((c) => c.hostname.toLowerCase());
  const [fixedForReal, fixedOnlyOnPaper] = fleet.cases.displayNameMismatch.filter(
    (c) => tlNames.filter((n) => c.hostname.toLowerCase().startsWith(n)).length === 1,
  );

  it('day 1 finds every kind of variance the fleet holds', async () => {
    expect(fixedForReal && fixedOnlyOnPaper).toBeTruthy();
    const result = await collectDay(fleet, DAYS[0]!);
    expect(result.check_date).toBe(DAYS[0]);
    expect(result.counts.MISSING_NINJA).toBeGreaterThan(0);
    expect(result.counts.DUPLICATE_TL).toBeGreaterThan(0);
    expect(result.counts.DISPLAY_NAME_MISMATCH).toBeGreaterThan(0);
    expect(result.counts.MISSING_THREATLOCKER).toBeGreaterThan(0);
    const missing = await exceptionOf('MISSING_NINJA', 'reception-pc2');
    expect(missing).toMatchObject({ first_seen_date: DAYS[0], last_seen_date: DAYS[0], resolved: false, variance_status: 'active', status: 'open' });
    expect(missing.details).toMatchObject({ tl_hostname: 'reception-pc2', tl_org_name: 'Acme Dental', count: 1 });
    // The truncated laptop pairs with its full NinjaOne name, so it is not "missing".
    const laptop = await database.db.selectFrom('exceptions').select(['type', 'hostname']).where('hostname', 'like', 'acme-acct-lapto%').execute();
    expect(laptop).toEqual([{ type: 'DISPLAY_NAME_MISMATCH', hostname: 'acme-acct-laptop-07' }]);

    // Re-running the same day changes nothing.
    const before = await database.db.selectFrom('exceptions').select(['id', 'version', 'history']).orderBy('id').execute();
    await runCrossVendorChecks(database.db);
    expect(await database.db.selectFrom('exceptions').select(['id', 'version', 'history']).orderBy('id').execute()).toEqual(before);

    await markFixed(Number((await exceptionOf('DISPLAY_NAME_MISMATCH', fixedForReal!.hostname.toLowerCase())).id));
    await markFixed(Number((await exceptionOf('DISPLAY_NAME_MISMATCH', fixedOnlyOnPaper!.hostname.toLowerCase())).id));
  });

  it('day 2 resolves what has gone, verifies a real fix and reopens a fix that did not happen', async () => {
    const day2 = baseFleet();
    day2.threatLockerComputers = day2.threatLockerComputers.filter((c) => c.hostname !== 'RECEPTION-PC2');
    const renamed = day2.threatLockerComputers.find((c) => c.computerName === fixedForReal!.threatLockerComputerName)!;
    renamed.computerName = fixedForReal!.ninjaDisplayName;
    const result = await collectDay(day2, DAYS[1]!);
    expect(result.auto_resolved).toBeGreaterThanOrEqual(2);

    const gone = await exceptionOf('MISSING_NINJA', 'reception-pc2');
    expect(gone).toMatchObject({ resolved: true, variance_status: 'collector_verified', resolved_by: 'collector', last_seen_date: DAYS[0], status: 'resolved' });
    const verified = await exceptionOf('DISPLAY_NAME_MISMATCH', fixedForReal!.hostname.toLowerCase());
    expect(verified).toMatchObject({ resolved: true, variance_status: 'collector_verified', resolved_by: 'ops@msp' });
    const reopened = await exceptionOf('DISPLAY_NAME_MISMATCH', fixedOnlyOnPaper!.hostname.toLowerCase());
    expect(reopened).toMatchObject({ resolved: false, variance_status: 'active', last_seen_date: DAYS[1] });
    expect((reopened.history as { to: string; reason: string }[]).at(-1)).toMatchObject({ to: 'active', reason: expect.stringMatching(/after the manual fix/) });
  });

  it('day 3 reopens what came back and keeps the whole history', async () => {
    const result = await collectDay(baseFleet(), DAYS[2]!);
    expect(result.reopened).toBeGreaterThanOrEqual(1);
    const back = await exceptionOf('MISSING_NINJA', 'reception-pc2');
    expect(back).toMatchObject({ resolved: false, variance_status: 'active', first_seen_date: DAYS[0], last_seen_date: DAYS[2], resolved_at: null });
    expect((back.history as { to: string; date: string }[]).map((h) => [h.date, h.to])).toEqual([
      [DAYS[0], 'active'],
      [DAYS[1], 'collector_verified'],
      [DAYS[2], 'active'],
    ]);
    const observed = await database.db
      .selectFrom('exception_observations')
      .select('observed_date')
      .where('exception_id', '=', back.id)
      .orderBy('observed_date')
      .execute();
    expect(observed.map((o) => o.observed_date)).toEqual([DAYS[0], DAYS[2]]);
    expect((await database.db.selectFrom('variance_checks').select('check_date').orderBy('check_date').execute()).map((c) => c.check_date)).toEqual(DAYS);
    // One row per (type, hostname), however many days.
    const dupes = await database.db
      .selectFrom('exceptions')
      .select(['type', 'hostname', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['type', 'hostname'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dupes).toEqual([]);
  });
});
