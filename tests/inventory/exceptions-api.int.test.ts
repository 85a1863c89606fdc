import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as bulkRoute from '@/app/api/exceptions/bulk-update/route';
import * as exceptionRoute from '@/app/api/exceptions/[id]/route';
import * as byHostnameRoute from '@/app/api/exceptions/mark-fixed-by-hostname/route';
import * as fixRoute from '@/app/api/exceptions/[id]/mark-manually-fixed/route';
import * as resolveRoute from '@/app/api/exceptions/[id]/resolve/route';
import * as exceptionsRoute from '@/app/api/exceptions/route';
import * as summaryRoute from '@/app/api/exceptions/status-summary/route';
import * as searchRoute from '@/app/api/devices/search/route';
import * as statusRoute from '@/app/api/status/route';
import * as syncRoute from '@/app/api/threatlocker/sync-device/route';
import * as renameRoute from '@/app/api/threatlocker/update-name/route';
import * as reportDateRoute from '@/app/api/variance-report/[date]/route';
import * as filteredRoute from '@/app/api/variance-report/filtered/route';
import * as latestRoute from '@/app/api/variance-report/latest/route';
import * as datesRoute from '@/app/api/variances/available-dates/route';
import * as historicalRoute from '@/app/api/variances/historical/[date]/route';
import * as trendsRoute from '@/app/api/variances/trends/route';
import * as confirmRoute from '@/app/api/inventory/vendor-organizations/[id]/confirm/route';
import * as mappingRoute from '@/app/api/inventory/vendor-organizations/[id]/route';
import * as mappingsRoute from '@/app/api/inventory/vendor-organizations/route';
import { writeSetting } from '@/db/queries/settings';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { FRESHNESS_STATUSES } from '@/lib/inventory/model/freshness';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { ninjaOneSource } from '@/lib/vendors/ninjaone/source';
import { stopSimulators } from '@/lib/vendors/source';
import { demoThreatLockerSimulator, threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let cobaltId: number;
let date: string;
const tokens: Record<string, string> = {};

const as = (who: string) => ({ authorization: tokens[who]! });
const get = (handler: Parameters<typeof call>[0], path: string, who = 'super', params?: Record<string, string>) => call(handler, path, { headers: as(who), params });
const post = (handler: Parameters<typeof call>[0], path: string, body: unknown, who = 'super', params?: Record<string, string>) =>
  call(handler, path, { method: 'POST', headers: as(who), body, params });

async function collectAndCheck() {
  const ninja = await ninjaOneSource(database.db);
  const tl = await threatLockerSource(database.db);
  const a = await collectNinjaOne(database.db, ninja.client!);
  await collectThreatLocker(database.db, tl.client!);
  date = a.snapshot_date;
  return runCrossVendorChecks(database.db);
}

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  cobaltId = (await database.db.insertInto('organizations').values({ name: 'Cobalt Logistics' }).returning('id').executeTakeFirstOrThrow()).id;
  await writeSetting(database.db, 'demo', { seeded_at: new Date().toISOString() });
  tokens.super = await bearerFor(database.db, world.superuser.id);
  tokens.adminA = await bearerFor(database.db, world.adminA.id);
  tokens.viewerA = await bearerFor(database.db, world.viewerA.id);
  tokens.viewerB = await bearerFor(database.db, world.viewerB.id);
  await collectAndCheck();
});
afterAll(async () => {
  await stopSimulators();
  await database.drop();
});

describe('vendor organisation mapping', () => {
  it('proposes by name, lets a superuser confirm or change it, and moves devices into the tenant', async () => {
    const list = await get(mappingsRoute.GET, '/api/inventory/vendor-organizations');
    expect(list.status).toBe(200);
    const rows = list.json.vendor_organizations as { id: number; vendor: string; vendor_org_name: string; status: string; proposed_organization_id: number | null; device_count: number }[];
    const cobalt = rows.filter((r) => r.vendor_org_name.startsWith('Cobalt Logistics'));
    expect(cobalt.map((r) => [r.vendor, r.status, r.proposed_organization_id])).toEqual([
      ['Ninja', 'proposed', cobaltId],
      ['ThreatLocker', 'proposed', cobaltId],
    ]);
    for (const row of cobalt) expect((await post(confirmRoute.POST, `/api/inventory/vendor-organizations/${row.id}/confirm`, undefined, 'super', { id: String(row.id) })).status).toBe(200);

    for (const [name, org] of [['Acme Dental', world.orgA], ['Birch & Rowe Legal', world.orgB]] as const) {
      for (const row of rows.filter((r) => r.vendor_org_name === name)) {
        const res = await call(mappingRoute.PUT, `/api/inventory/vendor-organizations/${row.id}`, { method: 'PUT', headers: as('super'), body: { organization_id: org }, params: { id: String(row.id) } });
        expect(res.status).toBe(200);
        expect(res.json.vendor_organization).toMatchObject({ status: 'confirmed', organization_id: org });
        expect(res.json.snapshots_updated).toBe(row.device_count);
      }
    }
    const mapped = await database.db.selectFrom('device_snapshot').select('organization_id').where('hostname', '=', 'ACME-DC01').execute();
    expect(mapped.map((m) => m.organization_id)).toEqual([world.orgA, world.orgA]);
    expect((await get(mappingsRoute.GET, '/api/inventory/vendor-organizations', 'adminA')).status).toBe(403);
    const bad = await call(mappingRoute.PUT, `/api/inventory/vendor-organizations/${rows[0]!.id}`, { method: 'PUT', headers: as('super'), body: { organization_id: 999999 }, params: { id: String(rows[0]!.id) } });
    expect(bad.status).toBe(422);
    // With tenants known, the checks place exceptions in them.
    const result = await runCrossVendorChecks(database.db);
    expect(result.counts.MISSING_THREATLOCKER).toBeGreaterThan(0);
  });
});

describe('GET /api/exceptions', () => {
  it('lists in the original shape, filters, and keeps tenants apart', async () => {
    const all = await get(exceptionsRoute.GET, '/api/exceptions?limit=1000');
    expect(all.status).toBe(200);
    expect(Array.isArray(all.json)).toBe(true);
    expect(Number(all.headers.get('x-total-count'))).toBe(all.json.length);
    expect(all.json[0]).toMatchObject({ id: expect.any(Number), date_found: expect.any(String), type: expect.any(String), hostname: expect.any(String), details: expect.any(Object), resolved: false, variance_status: 'active', version: 1 });

    const missing = await get(exceptionsRoute.GET, '/api/exceptions?type=MISSING_NINJA&hostname=reception');
    expect(missing.json.map((e: { hostname: string }) => e.hostname)).toEqual(['reception-pc2']);

    const viewerA = await get(exceptionsRoute.GET, '/api/exceptions?limit=1000', 'viewerA');
    expect(viewerA.json.length).toBeGreaterThan(0);
    expect(viewerA.json.every((e: { organization_id: number }) => e.organization_id === world.orgA)).toBe(true);
    const viewerB = await get(exceptionsRoute.GET, '/api/exceptions?limit=1000', 'viewerB');
    expect(viewerB.json.every((e: { organization_id: number }) => e.organization_id === world.orgB)).toBe(true);

    for (const bad of ['type=NOPE', 'resolved=maybe', 'date=2025-02-30', 'limit=0', 'variance_status=gone']) {
      const res = await get(exceptionsRoute.GET, `/api/exceptions?${bad}`);
      expect(res.status, bad).toBe(422);
      expect(res.json).toMatchObject({ status_code: 422, error: 'validation_failed' });
    }
    // A query parameter the route does not know is ignored (dashboards add cache-busters).
    expect((await get(exceptionsRoute.GET, '/api/exceptions?surprise=1')).status).toBe(200);
  });
});

describe('exception actions', () => {
  const idOf = async (type: string, hostname: string) =>
    Number((await database.db.selectFrom('exceptions').select('id').where('type', '=', type).where('hostname', '=', hostname).executeTakeFirstOrThrow()).id);

  it('resolves and marks fixed with history, refuses stale versions, other roles and other tenants', async () => {
    const id = await idOf('MISSING_NINJA', 'reception-pc2');
    const path = `/api/exceptions/${id}/resolve`;
    const params = { id: String(id) };
    expect((await post(resolveRoute.POST, path, {}, 'adminA', params)).status).toBe(403);
    expect((await post(resolveRoute.POST, path, {}, 'viewerB', params)).status).toBe(404);
    expect((await get(exceptionRoute.GET, `/api/exceptions/${id}`, 'viewerB', params)).status).toBe(404);
    expect((await get(exceptionRoute.GET, `/api/exceptions/${id}`, 'viewerA', params)).status).toBe(200);

    const fixed = await post(fixRoute.POST, `/api/exceptions/${id}/mark-manually-fixed`, { version: 1, update_type: 'agent_removed', old_value: 'RECEPTION-PC2', notes: 'agent uninstalled' }, 'super', params);
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({ success: true, exception: { resolved: true, variance_status: 'manually_fixed', manually_updated_by: 'root@example.test', update_type: 'agent_removed', version: 2 } });
    expect(fixed.json.exception.history.at(-1)).toMatchObject({ from: 'active', to: 'manually_fixed', by: 'root@example.test' });

    const stale = await post(resolveRoute.POST, path, { version: 1 }, 'super', params);
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ status_code: 409, error: 'conflict', details: { current: [{ id, version: 2 }] } });

    const resolved = await post(resolveRoute.POST, path, { version: 2 }, 'super', params);
    expect(resolved.json.exception).toMatchObject({ resolved: true, resolved_by: 'root@example.test', version: 3 });
    expect((await post(resolveRoute.POST, '/api/exceptions/999999/resolve', {}, 'super', { id: '999999' })).status).toBe(404);
    expect((await post(resolveRoute.POST, '/api/exceptions/abc/resolve', {}, 'super', { id: 'abc' })).status).toBe(422);
    const audit = await database.db.selectFrom('audit_logs').select('action').where('entity_type', '=', 'exception').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['inventory.exception.mark_manually_fixed', 'inventory.exception.resolve']);
  });

  it('marks by hostname: updated, then already_resolved, 404 for none', async () => {
    const row = await database.db.selectFrom('exceptions').select(['hostname']).where('type', '=', 'DISPLAY_NAME_MISMATCH').where('resolved', '=', false).executeTakeFirstOrThrow();
    const first = await post(byHostnameRoute.POST, '/api/exceptions/mark-fixed-by-hostname', { hostname: row.hostname.toUpperCase() });
    expect(first.json).toMatchObject({ status: 'updated', updated_count: 1 });
    const second = await post(byHostnameRoute.POST, '/api/exceptions/mark-fixed-by-hostname', { hostname: row.hostname });
    expect(second.json.status).toBe('already_resolved');
    const none = await post(byHostnameRoute.POST, '/api/exceptions/mark-fixed-by-hostname', { hostname: 'no-such-host', type: 'MISSING_NINJA' });
    expect(none.status).toBe(404);
  });

  it('bulk updates all or nothing', async () => {
    const open = await database.db.selectFrom('exceptions').select(['id', 'version', 'resolved', 'history']).where('resolved', '=', false).orderBy('id').limit(3).execute();
    const ids = open.map((o) => Number(o.id));
    const before = JSON.stringify(await database.db.selectFrom('exceptions').selectAll().orderBy('id').execute());

    const unknown = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'resolve', exception_ids: [...ids, 999999] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.details).toEqual({ missing_ids: [999999] });
    const staleVersion = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'resolve', exception_ids: ids, versions: { [ids[1]!]: 99 } });
    expect(staleVersion.status).toBe(409);
    const badAction = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'delete', exception_ids: ids });
    expect(badAction.status).toBe(422);
    const otherTenant = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'resolve', exception_ids: ids }, 'viewerB');
    expect([403, 404]).toContain(otherTenant.status);
    expect(JSON.stringify(await database.db.selectFrom('exceptions').selectAll().orderBy('id').execute())).toBe(before);

    const ok = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'resolve', exception_ids: ids, versions: Object.fromEntries(open.map((o) => [o.id, o.version])) });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ success: true, action: 'resolve', updated_count: 3 });
    expect(ok.json.exceptions.every((e: { resolved: boolean }) => e.resolved)).toBe(true);
    const reset = await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'reset_status', exception_ids: ids });
    expect(reset.json.exceptions.every((e: { resolved: boolean; variance_status: string }) => !e.resolved && e.variance_status === 'active')).toBe(true);
  });

  it('summarises by status and type', async () => {
    const res = await get(summaryRoute.GET, '/api/exceptions/status-summary');
    expect(res.json).toMatchObject({ status_summary: { active: expect.any(Number), manually_fixed: expect.any(Number), collector_verified: 0, stale: 0 }, total_exceptions: expect.any(Number) });
    expect(res.json.resolved_count + res.json.unresolved_count).toBe(res.json.total_exceptions);
    const viewer = await get(summaryRoute.GET, '/api/exceptions/status-summary', 'viewerA');
    expect(viewer.json.total_exceptions).toBeLessThan(res.json.total_exceptions);
  });
});

describe('variance reports', () => {
  it('latest report in the seed shape', async () => {
    const res = await get(latestRoute.GET, '/api/variance-report/latest?include_resolved=false');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ report_date: date, total_exceptions: expect.any(Number), unresolved_count: expect.any(Number) });
    const item = res.json.by_type.MISSING_NINJA[0];
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'hostname', 'details', 'resolved']));
    expect(item.details).toHaveProperty('tl_org_name');
    expect(item.details).toHaveProperty('tl_site_name');
    const group = res.json.by_organization.missing_in_ninja;
    expect(group.total_count).toBeGreaterThan(0);
    const first = Object.values(group.by_organization)[0] as Record<string, unknown>[];
    expect(first[0]).toMatchObject({ hostname: expect.any(String), vendor: 'ThreatLocker', display_name: expect.any(String), organization: expect.any(String), billing_status: 'Unknown', action: 'Investigate' });
    expect(res.json.missing_in_ninja).toEqual(group);
    expect(Object.keys(res.json.by_organization)).toEqual(
      expect.arrayContaining(['missing_in_ninja', 'missing_in_threatlocker', 'threatlocker_duplicates', 'devices_that_should_not_have_threatlocker', 'display_name_mismatches']),
    );
    expect(res.json.by_type.MISSING_NINJA.every((e: { resolved: boolean }) => !e.resolved)).toBe(true);
    const withResolved = await get(latestRoute.GET, '/api/variance-report/latest?include_resolved=true');
    expect(withResolved.json.by_type.MISSING_NINJA.length).toBeGreaterThanOrEqual(res.json.by_type.MISSING_NINJA.length);
    const viewer = await get(latestRoute.GET, '/api/variance-report/latest', 'viewerA');
    expect(viewer.json.total_exceptions).toBeLessThan(withResolved.json.total_exceptions);
    // total_exceptions counts what the report lists: resolved ones only when asked for.
    const listed = (report: { by_type: Record<string, unknown[]> }) => Object.values(report.by_type).reduce((n, list) => n + list.length, 0);
    expect(res.json.resolved_count).toBeGreaterThan(0);
    for (const report of [res.json, withResolved.json, viewer.json]) {
      expect(report.total_exceptions).toBe(listed(report));
      expect(report.summary.total_exceptions).toBe(report.total_exceptions);
    }
    expect(res.json.total_exceptions).toBe(res.json.unresolved_count);
    expect(withResolved.json.total_exceptions).toBe(withResolved.json.unresolved_count + withResolved.json.resolved_count);
    const filtered = await get(filteredRoute.GET, '/api/variance-report/filtered');
    expect(filtered.json.total_exceptions).toBe(listed(filtered.json));
    // One freshness vocabulary for the data as a whole and for each vendor.
    expect(res.json.data_status.status).toBe(res.json.collection_info.data_freshness);
    expect(FRESHNESS_STATUSES).toContain(res.json.data_status.status);
    expect(viewer.json.collection_info.ninja_collected).toBeLessThan(withResolved.json.collection_info.ninja_collected);
  });

  it('answers with an ETag, 304 while nothing changed, and the new report after a change', async () => {
    const first = await get(latestRoute.GET, '/api/variance-report/latest');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await call(latestRoute.GET, '/api/variance-report/latest', { headers: { ...as('super'), 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // Compressed once and sent as such to callers that take gzip.
    const zipped = await latestRoute.GET(new Request('http://localhost/api/variance-report/latest', { headers: { ...as('super'), 'accept-encoding': 'gzip, br' } }), { params: Promise.resolve({}) });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('etag')).toBe(etag);
    expect(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString())).toEqual(first.json);
    const refused = await call(latestRoute.GET, '/api/variance-report/latest', { headers: { ...as('super'), 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(refused.json).toEqual(first.json);
    // Another tenant's report is another answer, never the superuser's.
    const viewer = await call(latestRoute.GET, '/api/variance-report/latest', { headers: { ...as('viewerA'), 'if-none-match': etag! } });
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('etag')).not.toBe(etag);
    const organizationsIn = (report: { by_type: Record<string, { organization: string }[]> }) => new Set(Object.values(report.by_type).flat().map((e) => e.organization));
    expect([...organizationsIn(viewer.json)]).toEqual(['Tenant A']);
    expect(organizationsIn(first.json).size).toBeGreaterThan(1);

    // A change through the API is in the next answer.
    const open = (first.json.by_type.MISSING_THREATLOCKER as { id: number; resolved: boolean }[]).find((e) => !e.resolved)!;
    expect((await post(resolveRoute.POST, `/api/exceptions/${open.id}/resolve`, {}, 'super', { id: String(open.id) })).status).toBe(200);
    const changed = await call(latestRoute.GET, '/api/variance-report/latest', { headers: { ...as('super'), 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.json.unresolved_count).toBe(first.json.unresolved_count - 1);
    expect(changed.json.by_type.MISSING_THREATLOCKER.map((e: { id: number }) => e.id)).not.toContain(open.id);
    // So is one written to the table directly, as a jobs worker would.
    await database.db.updateTable('exceptions').set({ resolved: false, resolved_at: null, resolved_by: null }).where('id', '=', open.id).execute();
    const reopened = await get(latestRoute.GET, '/api/variance-report/latest');
    expect(reopened.json.unresolved_count).toBe(first.json.unresolved_count);
  });

  it('report by date, filtered, available dates, historical and trends', async () => {
    expect((await get(reportDateRoute.GET, `/api/variance-report/${date}`, 'super', { date })).json.report_date).toBe(date);
    expect((await get(reportDateRoute.GET, '/api/variance-report/2020-01-01', 'super', { date: '2020-01-01' })).status).toBe(404);
    expect((await get(reportDateRoute.GET, '/api/variance-report/yesterday', 'super', { date: 'yesterday' })).status).toBe(422);

    const filtered = await get(filteredRoute.GET, '/api/variance-report/filtered?type=MISSING_THREATLOCKER');
    expect(filtered.json.actionable_insights).toEqual(expect.arrayContaining([expect.objectContaining({ priority: 'Critical', type: 'MISSING_THREATLOCKER' })]));
    expect(Object.keys(filtered.json.by_type)).toEqual(['MISSING_THREATLOCKER']);
    expect(filtered.json.data_quality).toMatchObject({ threatlockerHostnamesWithPipe: expect.any(Number) });
    expect((await get(filteredRoute.GET, '/api/variance-report/filtered', 'viewerA')).json.data_quality).toBeNull();

    const dates = await get(datesRoute.GET, '/api/variances/available-dates');
    expect(dates.json.available_dates).toEqual([{ date, ninja_devices: expect.any(Number), threatlocker_devices: expect.any(Number), has_variance_report: true }]);
    expect(dates.json.available_dates[0].ninja_devices).toBeGreaterThan(1);

    const historical = await get(historicalRoute.GET, `/api/variances/historical/${date}`, 'super', { date });
    expect(historical.json).toHaveProperty('ninja_duplicates.total_count');
    expect(historical.json).not.toHaveProperty('devices_that_should_not_have_threatlocker');

    const trends = await get(trendsRoute.GET, '/api/variances/trends?days=7');
    expect(trends.status).toBe(200);
    expect(trends.json.trends).toEqual([expect.objectContaining({ date, total: expect.any(Number), by_type: expect.objectContaining({ MISSING_NINJA: expect.any(Number) }) })]);
    expect((await get(trendsRoute.GET, '/api/variances/trends?days=abc')).status).toBe(422);
  });
});

describe('status, search and ThreatLocker actions', () => {
  it('GET /api/status in the seed shape, with sources and tenant counts', async () => {
    const res = await get(statusRoute.GET, '/api/status');
    expect(res.status).toBe(200);
    for (const key of ['data_status', 'device_counts', 'vendor_status', 'collector_health', 'warnings', 'has_warnings', 'exception_counts', 'total_exceptions']) expect(res.json).toHaveProperty(key);
    expect(res.json.data_status).toEqual({ status: 'current', message: 'Data is current', latest_date: date });
    expect(res.json.vendor_status.Ninja).toMatchObject({ latest_date: date, freshness_status: 'current', freshness_message: 'Data is current', days_old: 0, source: 'simulated' });
    for (const vendor of Object.values(res.json.vendor_status) as { freshness_status: string }[]) expect(FRESHNESS_STATUSES).toContain(vendor.freshness_status);
    expect(res.json.collector_health).toEqual({ recent_failures: [], has_recent_failures: false, total_failures_last_24h: 0 });
    expect(res.json.total_exceptions).toBe(Object.values(res.json.exception_counts as Record<string, number>).reduce((a, b) => a + b, 0));
    // No QBR collection has run here: the QBR numbers are reported stale, with the reason for staff only.
    expect(res.json.qbr.is_stale).toBe(true);
    expect(res.json.qbr.sources.map((s: { source: string }) => s.source).sort()).toEqual(['connectwise', 'metrics', 'quickbooks']);
    expect(res.json.warnings).toContain('QBR numbers are stale: a ConnectWise, QuickBooks or metrics run is overdue or failed');
    const viewer = await get(statusRoute.GET, '/api/status', 'viewerA');
    expect(viewer.json.qbr.sources.every((s: { reason: string | null }) => s.reason === null)).toBe(true);
    expect(viewer.json.device_counts.Ninja).toBeLessThan(res.json.device_counts.Ninja);
    expect(viewer.json.device_counts.Ninja).toBeGreaterThan(0);
  });

  it('finds a truncated hostname and groups it with the full name', async () => {
    const res = await get(searchRoute.GET, '/api/devices/search?q=ACME-ACCT-LAPTOP-07');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ search_term: 'ACME-ACCT-LAPTOP-07', vendors_found: ['Ninja', 'ThreatLocker'], truncated_hostnames: ['ACME-ACCT-LAPTO'] });
    const group = res.json.grouped_by_canonical_key['acme-acct-laptop-07'];
    expect(group.vendors).toEqual(['Ninja', 'ThreatLocker']);
    expect(group.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['ACME-ACCT-LAPTOP-07', 'ACME-ACCT-LAPTO']);
    const tlOnly = await get(searchRoute.GET, '/api/devices/search?q=acme-acct&vendor=ThreatLocker');
    expect(tlOnly.json.vendors_found).toEqual(['ThreatLocker']);
    expect((await get(searchRoute.GET, '/api/devices/search?q=ACME-ACCT-LAPTOP-07', 'viewerB')).json.total_results).toBe(0);
    expect((await get(searchRoute.GET, '/api/devices/search?q=a')).status).toBe(422);
  });

  it('renames in ThreatLocker, refreshes the snapshot and re-checks the device at once', async () => {
    const before = await database.db.selectFrom('exceptions').selectAll().where('type', '=', 'DISPLAY_NAME_MISMATCH').where('hostname', '=', 'acme-acct-laptop-07').executeTakeFirstOrThrow();
    await post(bulkRoute.POST, '/api/exceptions/bulk-update', { action: 'reset_status', exception_ids: [Number(before.id)] });
    expect((await post(renameRoute.POST, '/api/threatlocker/update-name', { hostname: 'ACME-ACCT-LAPTO', new_name: 'x' }, 'adminA')).status).toBe(403);
    const conflict = await post(renameRoute.POST, '/api/threatlocker/update-name', { hostname: 'ACME-ACCT-LAPTO', new_name: 'Accounting laptop 07', old_name: 'something else' });
    expect(conflict.status).toBe(409);
    const res = await post(renameRoute.POST, '/api/threatlocker/update-name', { hostname: 'ACME-ACCT-LAPTO', new_name: 'Accounting laptop 07', old_name: 'ACME-ACCT-LAPTO' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, threatlocker_update: { old_name: 'ACME-ACCT-LAPTO', new_name: 'Accounting laptop 07' }, device: { hostname: 'ACME-ACCT-LAPTO', computer_name: 'Accounting laptop 07' } });
    const sim = await demoThreatLockerSimulator();
    expect(sim.requests.matching('/portalapi/Computer/ComputerUpdateForEdit', 'PATCH')).toHaveLength(1);
    const row = await database.db.selectFrom('device_snapshot').select('display_name').where('vendor_id', '=', 2).where('hostname', '=', 'ACME-ACCT-LAPTO').executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Accounting laptop 07');
    const after = await database.db.selectFrom('exceptions').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ resolved: true, variance_status: 'collector_verified' });

    const sync = await post(syncRoute.POST, '/api/threatlocker/sync-device', { computer_id: '1d9e6f2a-0b3c-4d5e-8f7a-6b5c4d3e2f1a' });
    expect(sync.json).toMatchObject({ success: true, device: { hostname: 'ACME-ACCT-LAPTO' } });
    expect((await post(syncRoute.POST, '/api/threatlocker/sync-device', {})).status).toBe(422);
    expect((await post(syncRoute.POST, '/api/threatlocker/sync-device', { hostname: 'no-such-pc' })).status).toBe(404);
  });
});
