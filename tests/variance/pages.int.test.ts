import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestDevicesByKeys, listOrganizationDevices } from '@/db/queries/inventory/devices';
import { countExceptions, iterateExceptions, listExceptionPage, openExceptionsByOrganization, type ExceptionQuery } from '@/db/queries/inventory/exception-list';
import { findVisibleOrganization, listVisibleOrganizations } from '@/db/queries/inventory/organizations';
import { monthEndDeviceCounts } from '@/db/queries/inventory/reports';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { VENDORS } from '@/lib/inventory/vendors';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';
import { startVendors, type VendorPair } from '@/tests/inventory/helpers';
import { CHECK_DATE, EARLIER_DATE, seedExceptions, type SeededException } from './helpers';

// The reads behind the inventory and organisation pages: filters, sorting,
// paging, and that a tenant never reads another tenant's rows.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let seeded: SeededException[];
let vendors: VendorPair;
const all = { organizationId: null };
const tenantA = () => ({ organizationId: world.orgA });
const tenantB = () => ({ organizationId: world.orgB });
const base: ExceptionQuery = { status: 'all', sort: 'hostname', direction: 'asc' };

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  seeded = await seedExceptions(database.db, world);
  vendors = await startVendors(120);
  await collectNinjaOne(database.db, vendors.ninjaClient(), { snapshotDate: CHECK_DATE });
  await collectThreatLocker(database.db, vendors.threatlockerClient(), { snapshotDate: CHECK_DATE });
  const names = await database.db.selectFrom('device_snapshot').select('organization_name').distinct().orderBy('organization_name').execute();
  await database.db.updateTable('device_snapshot').set({ organization_id: world.orgA }).where('organization_name', '=', names[0]!.organization_name).execute();
  await database.db.updateTable('device_snapshot').set({ organization_id: world.orgB }).where('organization_name', '=', names[1]!.organization_name).execute();
});
afterAll(async () => {
  await vendors.close();
  await database.drop();
});

describe('exception work list', () => {
  it('filters by type, status, organisation, date and text', async () => {
    const hostnames = async (q: Partial<ExceptionQuery>, scope = all) => (await listExceptionPage(database.db, scope, { ...base, ...q }, { limit: 100, offset: 0 })).rows.map((r) => r.hostname);
    expect(await hostnames({ type: 'MISSING_NINJA' })).toEqual(['a-ws-01', 'a-ws-02', 'orphan-01']);
    expect(await hostnames({ status: 'open' })).not.toContain('a-srv-04');
    expect(await hostnames({ status: 'resolved' })).toEqual(['a-srv-04']);
    expect(await hostnames({ status: 'manually_fixed' })).toEqual(['a-srv-04']);
    expect(await hostnames({ organizationId: world.orgB })).toEqual(['b-ws-01', 'b-ws-02']);
    expect(await hostnames({ date: EARLIER_DATE })).toEqual(['a-ws-01', 'b-ws-01']);
    // Text matches hostnames, names in the details and organisation names, case-insensitively.
    expect(await hostnames({ text: 'RECEPTION' })).toEqual(['a-lt-03']);
    expect(await hostnames({ text: 'unmapped client' })).toEqual(['orphan-01']);
    expect(await hostnames({ text: 'tenant b' })).toEqual(['b-ws-01', 'b-ws-02']);
    expect(await hostnames({ text: '100%_' })).toEqual([]);
  });

  it('sorts both ways and pages with a stable order and the full total', async () => {
    const page = (offset: number, direction: 'asc' | 'desc' = 'asc') => listExceptionPage(database.db, all, { ...base, direction }, { limit: 3, offset });
    const [p1, p2, p3] = await Promise.all([page(0), page(3), page(6)]);
    expect(p1.total).toBe(seeded.length);
    const order = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.hostname);
    expect(order).toEqual(seeded.map((s) => s.hostname).sort());
    const desc = (await page(0, 'desc')).rows.map((r) => r.hostname);
    expect(desc).toEqual([...order].reverse().slice(0, 3));
    const byType = (await listExceptionPage(database.db, all, { ...base, sort: 'type' }, { limit: 100, offset: 0 })).rows.map((r) => r.type);
    expect(byType).toEqual([...byType].sort());
  });

  it('iterates the whole filtered list for exports, in the list order', async () => {
    const rows: string[] = [];
    for await (const r of iterateExceptions(database.db, all, base)) rows.push(r.hostname);
    expect(rows).toEqual(seeded.map((s) => s.hostname).sort());
    const counts = await countExceptions(database.db, all, { status: 'all' });
    expect(counts.reduce((s, c) => s + c.n, 0)).toBe(seeded.length);
  });

  it('never shows a tenant another tenant’s exceptions, even when asked by organisation', async () => {
    const a = await listExceptionPage(database.db, tenantA(), base, { limit: 100, offset: 0 });
    expect(a.rows.every((r) => r.organization_id === world.orgA)).toBe(true);
    expect(a.total).toBe(seeded.filter((s) => s.organizationId === world.orgA).length);
    const sneaky = await listExceptionPage(database.db, tenantA(), { ...base, organizationId: world.orgB }, { limit: 100, offset: 0 });
    expect(sneaky).toEqual({ rows: [], total: 0 });
    const rows: unknown[] = [];
    for await (const r of iterateExceptions(database.db, tenantB(), base)) rows.push(r);
    expect(rows).toHaveLength(2);
  });

  it('counts open exceptions per client, unmapped ones apart', async () => {
    const byOrg = await openExceptionsByOrganization(database.db, all);
    expect(byOrg.find((o) => o.organization_id === world.orgA)).toMatchObject({ organization: 'Tenant A', total: 3, by_type: { MISSING_NINJA: 2, DISPLAY_NAME_MISMATCH: 1 } });
    expect(byOrg.find((o) => o.organization_id === null)).toMatchObject({ total: 1 });
    expect((await openExceptionsByOrganization(database.db, tenantB())).map((o) => o.organization_id)).toEqual([world.orgB]);
  });
});

describe('organisation pages', () => {
  it('finds only organisations the caller may see', async () => {
    expect(await findVisibleOrganization(database.db, tenantA(), world.orgA)).toMatchObject({ name: 'Tenant A' });
    expect(await findVisibleOrganization(database.db, tenantA(), world.orgB)).toBeUndefined();
    expect(await findVisibleOrganization(database.db, all, world.orgB)).toMatchObject({ name: 'Tenant B' });
    expect((await listVisibleOrganizations(database.db, tenantB())).map((o) => o.id)).toEqual([world.orgB]);
  });

  it('lists an organisation’s devices in both vendors’ latest snapshots, a page at a time', async () => {
    const expected = await database.db.selectFrom('device_snapshot').select(['vendor_id']).where('organization_id', '=', world.orgA).execute();
    const first = await listOrganizationDevices(database.db, tenantA(), world.orgA, [VENDORS.ninja.id, VENDORS.threatlocker.id], { limit: 10, offset: 0 });
    expect(first.total).toBe(expected.length);
    expect(first.by_vendor[VENDORS.ninja.id]).toBe(expected.filter((e) => e.vendor_id === VENDORS.ninja.id).length);
    expect(first.devices).toHaveLength(Math.min(10, expected.length));
    expect(first.devices.every((d) => d.organization_id === world.orgA && d.snapshot_date === CHECK_DATE)).toBe(true);
    const name = first.devices[0]!.hostname_key;
    const filtered = await listOrganizationDevices(database.db, tenantA(), world.orgA, [VENDORS.ninja.id, VENDORS.threatlocker.id], { limit: 10, offset: 0, text: name.toUpperCase() });
    expect(filtered.devices.every((d) => d.hostname_key.includes(name) || (d.display_name ?? '').toLowerCase().includes(name))).toBe(true);
    expect(filtered.total).toBeGreaterThan(0);
    const crossTenant = await listOrganizationDevices(database.db, tenantB(), world.orgA, [VENDORS.ninja.id, VENDORS.threatlocker.id], { limit: 10, offset: 0 });
    expect(crossTenant.total).toBe(0);
  });

  it('reads month-end counts per vendor within scope', async () => {
    const counts = await monthEndDeviceCounts(database.db, tenantA(), world.orgA);
    // The collectors wrote counts before the test mapped devices to tenants, so they sit with unmapped rows.
    await database.db.updateTable('month_end_counts').set({ organization_id: world.orgA }).where('organization_id', 'is', null).execute();
    const mapped = await monthEndDeviceCounts(database.db, tenantA(), world.orgA);
    expect(mapped.length).toBeGreaterThan(counts.length);
    expect(mapped.every((m) => m.date === '2026-11-30')).toBe(true);
    expect(new Set(mapped.map((m) => m.vendor_id))).toEqual(new Set([VENDORS.ninja.id, VENDORS.threatlocker.id]));
    expect(await monthEndDeviceCounts(database.db, tenantB(), world.orgA)).toEqual([]);
  });

  it('finds each vendor’s records of an exception’s device, within scope', async () => {
    const device = await database.db.selectFrom('device_snapshot').select(['hostname_key', 'organization_id']).where('organization_id', '=', world.orgA).where('hostname_key', '!=', '').executeTakeFirstOrThrow();
    const mine = await latestDevicesByKeys(database.db, tenantA(), [VENDORS.ninja.id, VENDORS.threatlocker.id], [device.hostname_key]);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((d) => d.hostname_key.slice(0, 15) === device.hostname_key.slice(0, 15))).toBe(true);
    expect(await latestDevicesByKeys(database.db, tenantB(), [VENDORS.ninja.id, VENDORS.threatlocker.id], [device.hostname_key])).toEqual([]);
  });
});
