import type { Db } from '@/db';
import type { World } from '@/tests/fixtures';

// Exceptions as the cross-vendor checks leave them, written directly, so that
// the pages and exports are tested on known rows.

export const CHECK_DATE = '2026-11-20';
export const EARLIER_DATE = '2026-11-19';

export interface SeededException {
  id: number;
  type: string;
  hostname: string;
  organizationId: number | null;
  resolved: boolean;
}

export async function seedExceptions(db: Db, world: World): Promise<SeededException[]> {
  await db
    .insertInto('variance_checks')
    .values([
      { check_date: EARLIER_DATE, ninja_snapshot_date: EARLIER_DATE, threatlocker_snapshot_date: EARLIER_DATE },
      { check_date: CHECK_DATE, ninja_snapshot_date: CHECK_DATE, threatlocker_snapshot_date: CHECK_DATE },
    ])
    .execute();
  const specs: { type: string; hostname: string; org: number | null; resolved?: boolean; details: Record<string, unknown>; earlier?: boolean }[] = [
    { type: 'MISSING_NINJA', hostname: 'a-ws-01', org: world.orgA, details: { tl_hostname: 'a-ws-01', tl_org_name: 'Tenant A TL', tl_display_name: 'A-WS-01 | alice' }, earlier: true },
    { type: 'MISSING_NINJA', hostname: 'a-ws-02', org: world.orgA, details: { tl_hostname: 'a-ws-02', tl_org_name: 'Tenant A TL' } },
    { type: 'DISPLAY_NAME_MISMATCH', hostname: 'a-lt-03', org: world.orgA, details: { ninja_display_name: 'A-LT-03 Reception', tl_display_name: 'a-lt-03', ninja_hostname: 'a-lt-03', tl_hostname: 'a-lt-03', tl_device_id: 'tl-3', ninja_device_id: 'n-3' } },
    { type: 'MISSING_THREATLOCKER', hostname: 'a-srv-04', org: world.orgA, resolved: true, details: { ninja_hostname: 'a-srv-04', ninja_org_name: 'Tenant A' } },
    { type: 'DUPLICATE_TL', hostname: 'b-ws-01', org: world.orgB, details: { hostname_base: 'b-ws-01', count: 2, duplicate_hostnames: ['B-WS-01', 'b-ws-01'], tl_org_name: 'Tenant B TL' }, earlier: true },
    { type: 'SPARE_MISMATCH', hostname: 'b-ws-02', org: world.orgB, details: { ninja_org_name: 'Tenant B', note: 'spare, "in a drawer", with comma' } },
    { type: 'MISSING_NINJA', hostname: 'orphan-01', org: null, details: { tl_hostname: 'orphan-01', tl_org_name: 'Unmapped Client' } },
  ];
  const out: SeededException[] = [];
  for (const s of specs) {
    const row = await db
      .insertInto('exceptions')
      .values({
        type: s.type,
        hostname: s.hostname,
        details: JSON.stringify(s.details),
        organization_id: s.org,
        date_found: s.earlier ? EARLIER_DATE : CHECK_DATE,
        first_seen_date: s.earlier ? EARLIER_DATE : CHECK_DATE,
        last_seen_date: CHECK_DATE,
        resolved: s.resolved ?? false,
        resolved_at: s.resolved ? new Date('2026-11-20T15:00:00Z') : null,
        resolved_by: s.resolved ? 'root@example.test' : null,
        variance_status: s.resolved ? 'manually_fixed' : 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    const dates = s.earlier ? [EARLIER_DATE, CHECK_DATE] : [CHECK_DATE];
    await db.insertInto('exception_observations').values(dates.map((d) => ({ exception_id: id, observed_date: d }))).execute();
    out.push({ id, type: s.type, hostname: s.hostname, organizationId: s.org, resolved: s.resolved ?? false });
  }
  return out;
}
