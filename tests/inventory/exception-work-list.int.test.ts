import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as workListRoute from '@/app/api/inventory/exceptions/route';
import * as exceptionsRoute from '@/app/api/exceptions/route';
import type { RequestContext } from '@/lib/core/context';
import { logger } from '@/lib/core/logger';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { listExceptionWorkPage, parseExceptionListParams } from '@/lib/inventory';
import { VENDORS } from '@/lib/inventory/vendors';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { startVendors, type VendorPair } from '@/tests/inventory/helpers';
import { CHECK_DATE, seedExceptions, type SeededException } from '@/tests/variance/helpers';

// GET /api/inventory/exceptions: the work list's page as its server page
// renders it, so that the browser's cache starts from the page and a refetch
// brings the same shape. Each exception is the seed API's, with both vendors'
// latest records of its device.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let seeded: SeededException[];
let vendors: VendorPair;
let device: { hostname_key: string };
const tokens: Record<string, string> = {};

const list = (search: string, who = 'super') => call(workListRoute.GET, `/api/inventory/exceptions${search ? `?${search}` : ''}`, { headers: { authorization: tokens[who]! } });

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  seeded = await seedExceptions(database.db, world);
  vendors = await startVendors(120);
  await collectNinjaOne(database.db, vendors.ninjaClient(), { snapshotDate: CHECK_DATE });
  await collectThreatLocker(database.db, vendors.threatlockerClient(), { snapshotDate: CHECK_DATE });
  await database.db.updateTable('device_snapshot').set({ organization_id: world.orgA }).execute();
  // An exception on a device both vendors know, so that its records are there to find.
  device = await database.db
    .selectFrom('device_snapshot')
    .select('hostname_key')
    .where('hostname_key', '!=', '')
    .groupBy('hostname_key')
    .having((eb) => eb.fn.count('vendor_id').distinct(), '=', 2)
    .orderBy('hostname_key')
    .executeTakeFirstOrThrow();
  const row = await database.db
    .insertInto('exceptions')
    .values({ type: 'SITE_MISMATCH', hostname: device.hostname_key, details: JSON.stringify({ ninja_hostname: device.hostname_key }), organization_id: world.orgA, date_found: CHECK_DATE, first_seen_date: CHECK_DATE, last_seen_date: CHECK_DATE })
    .returning('id')
    .executeTakeFirstOrThrow();
  seeded.push({ id: Number(row.id), type: 'SITE_MISMATCH', hostname: device.hostname_key, organizationId: world.orgA, resolved: false });
  tokens.super = await bearerFor(database.db, world.superuser.id);
  tokens.viewerA = await bearerFor(database.db, world.viewerA.id);
  tokens.viewerB = await bearerFor(database.db, world.viewerB.id);
}, 120_000);
afterAll(async () => {
  await vendors.close();
  await database.drop();
});

describe('GET /api/inventory/exceptions', () => {
  it('gives each exception as the seed endpoint does, in the list’s order, with the total', async () => {
    const res = await list('status=all&sort=hostname&dir=asc');
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(seeded.length);
    const items = res.json.items as { id: number; hostname: string; records: unknown[] }[];
    expect(items.map((i) => i.hostname)).toEqual(seeded.map((s) => s.hostname).sort());
    const seed = await call(exceptionsRoute.GET, '/api/exceptions?limit=1000', { headers: { authorization: tokens.super! } });
    const byId = new Map((seed.json as { id: number }[]).map((e) => [e.id, e]));
    for (const { records: _records, ...exception } of items) expect(exception).toEqual(byId.get(exception.id));
  });

  it('attaches both vendors’ latest records of the device, and none to a device they do not know', async () => {
    const items = (await list('status=all')).json.items as { hostname: string; records: { vendor_id: number; hostname_key: string; snapshot_date: string }[] }[];
    const known = items.find((i) => i.hostname === device.hostname_key)!;
    const expected = await database.db.selectFrom('device_snapshot').select(['vendor_id']).where('hostname_key', '=', device.hostname_key).where('snapshot_date', '=', CHECK_DATE).execute();
    expect(known.records.map((r) => r.vendor_id).sort()).toEqual(expected.map((e) => e.vendor_id).sort());
    expect(new Set(known.records.map((r) => r.vendor_id))).toEqual(new Set([VENDORS.ninja.id, VENDORS.threatlocker.id]));
    expect(known.records.every((r) => r.hostname_key === device.hostname_key && r.snapshot_date === CHECK_DATE)).toBe(true);
    expect(items.find((i) => i.hostname === 'orphan-01')!.records).toEqual([]);
  });

  it('answers exactly what the page renders for the same search', async () => {
    const superuser = await database.db.selectFrom('users').selectAll().where('id', '=', world.superuser.id).executeTakeFirstOrThrow();
    const ctx: RequestContext = {
      db: database.db,
      actor: { kind: 'user', userId: superuser.id, organizationId: superuser.organization_id, role: 'superuser', sessionId: 'test', name: superuser.name, email: superuser.email },
      requestId: 'test',
      ip: null,
      log: logger,
    };
    for (const search of ['', 'status=all&sort=type', 'type=MISSING_NINJA&dir=asc', `organization_id=${world.orgB}&status=all`, 'q=tenant&status=all&per_page=25&page=2']) {
      const page = await listExceptionWorkPage(ctx, parseExceptionListParams(new URLSearchParams(search)));
      expect((await list(search)).json, search).toEqual(page);
    }
  });

  it('reads bad filters as the page does: each falls back to its default', async () => {
    const plain = await list('');
    expect(plain.json.items.every((i: { resolved: boolean }) => !i.resolved)).toBe(true);
    const bad = await list('status=bogus&sort=nope&dir=sideways&page=-3&per_page=7&type=NOPE&organization_id=x&date=yesterday');
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual(plain.json);
  });

  it('shows a tenant its own exceptions only, even when asked for another’s', async () => {
    const mine = await list('status=all', 'viewerA');
    const ownA = seeded.filter((s) => s.organizationId === world.orgA);
    expect(mine.json.total).toBe(ownA.length);
    expect(mine.json.items.every((i: { organization_id: number }) => i.organization_id === world.orgA)).toBe(true);
    expect((await list(`status=all&organization_id=${world.orgA}`, 'viewerB')).json).toEqual({ items: [], total: 0 });
    // Records follow the caller's scope too: tenant B sees none of tenant A's devices.
    const theirs = await list('status=all', 'viewerB');
    expect(theirs.json.items.flatMap((i: { records: unknown[] }) => i.records)).toEqual([]);
  });

  it('asks for credentials', async () => {
    const res = await call(workListRoute.GET, '/api/inventory/exceptions');
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('unauthorized');
  });
});
