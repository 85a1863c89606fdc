import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exceptionRoute from '@/app/api/exceptions/[id]/route';
import * as exceptionsRoute from '@/app/api/exceptions/route';
import * as createOrganizationsRoute from '@/app/api/inventory/vendor-organizations/create-organizations/route';
import * as mappingRoute from '@/app/api/inventory/vendor-organizations/[id]/route';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { getHostnameKey } from '@/lib/inventory/model/hostname';
import { VENDORS } from '@/lib/inventory/vendors';
import type { FleetOrganization } from '@/lib/simulators/fleet/types';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { startVendors, type VendorPair } from './helpers';

// A fresh install with real-shaped vendors and no organisation mapped: the
// organisation checks work on the first day, stay with superusers until the
// mappings are confirmed, and the one-click set-up confirms them.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let vendors: VendorPair;
const tokens: Record<string, string> = {};
const DAY = '2025-09-29';
const CHECKED = ['SITE_MISMATCH', 'MISSING_THREATLOCKER'] as const;

type ExceptionJson = { id: number; type: string; hostname: string; organization_id: number | null; resolved: boolean; details: Record<string, unknown> };

const as = (who: string) => ({ authorization: tokens[who]! });
async function exceptions(who: string, query = ''): Promise<ExceptionJson[]> {
  const res = await call(exceptionsRoute.GET, `/api/exceptions?limit=1000&resolved=false${query}`, { headers: as(who) });
  expect(res.status).toBe(200);
  return res.json;
}
const checked = async (who = 'super') => (await exceptions(who)).filter((e) => (CHECKED as readonly string[]).includes(e.type));
const keysOf = (list: ExceptionJson[]) => list.map((e) => `${e.type} ${e.hostname}`).sort();
const ninjaOrgOf = (e: ExceptionJson) => (e.type === 'SITE_MISMATCH' ? e.details.ninja_org : e.details.ninja_org_name);

async function vendorOrganization(vendorId: number, vendorOrgId: string) {
  return database.db.selectFrom('vendor_organizations').selectAll().where('vendor_id', '=', vendorId).where('vendor_org_id', '=', vendorOrgId).executeTakeFirstOrThrow();
}
async function map(vendorId: number, vendorOrgId: string, organizationId: number | null) {
  const row = await vendorOrganization(vendorId, vendorOrgId);
  const res = await call(mappingRoute.PUT, `/api/inventory/vendor-organizations/${row.id}`, { method: 'PUT', headers: as('super'), body: { organization_id: organizationId }, params: { id: String(row.id) } });
  expect(res.status).toBe(200);
}
const createOrganizations = (who: string) => call(createOrganizationsRoute.POST, '/api/inventory/vendor-organizations/create-organizations', { method: 'POST', headers: as(who) });

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  tokens.super = await bearerFor(database.db, world.superuser.id);
  tokens.adminA = await bearerFor(database.db, world.adminA.id);
  tokens.viewerA = await bearerFor(database.db, world.viewerA.id);
  vendors = await startVendors(120);
  await collectNinjaOne(database.db, vendors.ninjaClient(), { snapshotDate: DAY });
  await collectThreatLocker(database.db, vendors.threatlockerClient(), { snapshotDate: DAY });
});
afterAll(async () => {
  await vendors.close();
  await database.drop();
});

describe('a fresh install, before and after the organisations are mapped', () => {
  let firstDay: ExceptionJson[] = [];
  let acme: FleetOrganization;
  let ignored: FleetOrganization;

  it('raises SITE_MISMATCH and MISSING_THREATLOCKER with no mapping at all, for superusers only', async () => {
    expect(await database.db.selectFrom('vendor_organizations').select('id').where('status', '<>', 'proposed').execute()).toEqual([]);
    const result = await runCrossVendorChecks(database.db);
    expect(result.counts.SITE_MISMATCH).toBeGreaterThan(0);
    expect(result.counts.MISSING_THREATLOCKER).toBeGreaterThan(0);

    firstDay = await checked();
    // Every machine the fleet filed under two clients is found, and nothing else.
    const mismatched = firstDay.filter((e) => e.type === 'SITE_MISMATCH').map((e) => e.hostname).sort();
    expect(mismatched).toEqual([...new Set(vendors.fleet.cases.organizationMismatch.map((c) => getHostnameKey(c.hostname)))].sort());
    // No tenant yet, and the details say the names decided.
    expect(firstDay.every((e) => e.organization_id === null && e.details.org_compared_by === 'name')).toBe(true);

    expect(await exceptions('viewerA')).toEqual([]);
    const one = firstDay[0]!;
    expect((await call(exceptionRoute.GET, `/api/exceptions/${one.id}`, { headers: as('viewerA'), params: { id: String(one.id) } })).status).toBe(404);
  });

  it('creates organisations for the unmatched NinjaOne organisations and confirms them, once, for superusers only', async () => {
    [acme, ignored] = vendors.fleet.organizations as [FleetOrganization, FleetOrganization];
    // A superuser has already mapped one client and said another is none of ours.
    await map(VENDORS.ninja.id, String(acme.ninjaId), world.orgA);
    await map(VENDORS.ninja.id, String(ignored.ninjaId), null);
    // Two spellings of one new client, and one close to an organisation we already have.
    const harbour = (await database.db.insertInto('organizations').values({ name: 'Harbour Freight Co' }).returning('id').executeTakeFirstOrThrow()).id;
    await database.db
      .insertInto('vendor_organizations')
      .values([
        { vendor_id: VENDORS.ninja.id, vendor_org_id: '9001', vendor_org_name: 'Quartz Labs' },
        { vendor_id: VENDORS.ninja.id, vendor_org_id: '9002', vendor_org_name: 'QUARTZ LABS, Inc.' },
        { vendor_id: VENDORS.ninja.id, vendor_org_id: '9003', vendor_org_name: 'Harbor Freight LLC' },
      ])
      .execute();
    const tlBefore = await database.db.selectFrom('vendor_organizations').selectAll().where('vendor_id', '=', VENDORS.threatlocker.id).orderBy('id').execute();

    expect((await createOrganizations('adminA')).status).toBe(403);
    expect((await createOrganizations('viewerA')).status).toBe(403);

    const res = await createOrganizations('super');
    expect(res.status).toBe(200);
    const others = vendors.fleet.organizations.slice(2);
    expect(res.json.created.map((c: { name: string }) => c.name).sort()).toEqual([...others.map((o) => o.ninjaName), 'Quartz Labs'].sort());
    expect(res.json.confirmed).toBe(others.length + 2);
    expect(res.json.skipped).toEqual([
      { id: expect.any(Number), vendor_org_name: 'Harbor Freight LLC', reason: 'close_to_existing', closest_organization: { id: harbour, name: 'Harbour Freight Co' } },
    ]);

    const ninjaRows = await database.db
      .selectFrom('vendor_organizations as vo')
      .leftJoin('organizations as o', 'o.id', 'vo.organization_id')
      .select(['vo.vendor_org_id', 'vo.vendor_org_name', 'vo.status', 'vo.organization_id', 'o.name', 'vo.confirmed_by'])
      .where('vo.vendor_id', '=', VENDORS.ninja.id)
      .execute();
    const row = (id: string) => ninjaRows.find((r) => r.vendor_org_id === id)!;
    expect(row(String(acme.ninjaId))).toMatchObject({ status: 'confirmed', organization_id: world.orgA });
    expect(row(String(ignored.ninjaId))).toMatchObject({ status: 'ignored', organization_id: null });
    expect(row('9003')).toMatchObject({ status: 'proposed', organization_id: null });
    expect(row('9001').organization_id).toBe(row('9002').organization_id);
    for (const org of others) expect(row(String(org.ninjaId))).toMatchObject({ status: 'confirmed', name: org.ninjaName, confirmed_by: 'root@example.test' });
    // ThreatLocker's organisations are left for a person, with the new organisations proposed.
    const tlAfter = await database.db.selectFrom('vendor_organizations').selectAll().where('vendor_id', '=', VENDORS.threatlocker.id).orderBy('id').execute();
    expect(tlAfter.map((r) => [r.id, r.status, r.organization_id])).toEqual(tlBefore.map((r) => [r.id, r.status, r.organization_id]));
    for (const org of others) {
      const tlRow = tlAfter.find((r) => r.vendor_org_id === org.threatLockerId.toLowerCase())!;
      expect(tlRow.proposed_organization_id, org.threatLockerName).toBe(row(String(org.ninjaId)).organization_id);
    }

    // The devices moved into their tenants, and the counts with them.
    const placed = await database.db
      .selectFrom('device_snapshot')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('vendor_id', '=', VENDORS.ninja.id)
      .where('vendor_organization_id', 'in', others.map((o) => String(o.ninjaId)))
      .where('organization_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(placed.n)).toBe(res.json.snapshots_updated);
    const counted = await database.db
      .selectFrom('daily_counts')
      .select((eb) => eb.fn.sum<number>('cnt').as('n'))
      .where('vendor_id', '=', VENDORS.ninja.id)
      .where('organization_id', 'in', res.json.created.map((c: { id: number }) => c.id))
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(res.json.snapshots_updated);

    // Audited as if each organisation and mapping had been made by hand.
    const audit = await database.db.selectFrom('audit_logs').select(['action', 'actor_label', 'entity_id']).where('action', 'in', ['organization.create', 'inventory.vendor_organization.map']).execute();
    expect(audit.filter((a) => a.action === 'organization.create')).toHaveLength(res.json.created.length);
    expect(audit.filter((a) => a.action === 'inventory.vendor_organization.map')).toHaveLength(res.json.confirmed + 2);
    expect(audit.every((a) => a.actor_label === 'root@example.test')).toBe(true);

    // A second call has nothing left to do.
    const organizations = await database.db.selectFrom('organizations').select('id').execute();
    const again = await createOrganizations('super');
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: [], confirmed: 0, snapshots_updated: 0 });
    expect(await database.db.selectFrom('organizations').select('id').execute()).toHaveLength(organizations.length);
    expect(await database.db.selectFrom('audit_logs').select('id').where('action', 'in', ['organization.create', 'inventory.vendor_organization.map']).execute()).toHaveLength(audit.length);
  });

  it('gives the exceptions their tenant at the next check, and compares by mapping once both sides are mapped', async () => {
    const expected = keysOf(firstDay.filter((e) => ninjaOrgOf(e) !== ignored.ninjaName));
    expect(expected.length).toBeLessThan(firstDay.length);

    await runCrossVendorChecks(database.db);
    const secondDay = await checked();
    // The same findings (the ignored client's are resolved): the mapping refined them, it did not gate them.
    expect(keysOf(secondDay)).toEqual(expected);
    expect(secondDay.every((e) => e.organization_id !== null && e.details.org_compared_by === 'name')).toBe(true);
    const inTenantA = secondDay.filter((e) => ninjaOrgOf(e) === acme.ninjaName);
    expect(inTenantA.length).toBeGreaterThan(0);
    expect(inTenantA.every((e) => e.organization_id === world.orgA)).toBe(true);
    expect(keysOf(await checked('viewerA'))).toEqual(keysOf(inTenantA));

    // ThreatLocker mapped the same way, the ignored client ignored there too: the mappings now decide.
    const tenantOf = new Map((await database.db.selectFrom('vendor_organizations').select(['vendor_org_id', 'organization_id']).where('vendor_id', '=', VENDORS.ninja.id).execute()).map((r) => [r.vendor_org_id, r.organization_id]));
    for (const org of vendors.fleet.organizations) {
      await map(VENDORS.threatlocker.id, org.threatLockerId.toLowerCase(), tenantOf.get(String(org.ninjaId)) ?? null);
    }
    await runCrossVendorChecks(database.db);
    const thirdDay = await checked();
    // An agent filed under the ignored client is compared with nothing, so its machine is no SITE_MISMATCH any more.
    const agentIgnored = (e: ExceptionJson) => e.type === 'SITE_MISMATCH' && e.details.tl_org === ignored.threatLockerName;
    expect(keysOf(thirdDay)).toEqual(keysOf(secondDay.filter((e) => !agentIgnored(e))));
    expect(thirdDay.every((e) => e.details.org_compared_by === 'mapping')).toBe(true);
  });
});
