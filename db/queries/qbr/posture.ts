import { sql } from 'kysely';
import type { Db } from '@/db';

// A client's security and lifecycle posture for the client QBR, read from
// the other slices' tables until lib/inventory and lib/drupal offer these
// counts: Windows 11 24H2 readiness and devices without ThreatLocker
// (inventory), Drupal sites with security updates pending (drupal).

export type Windows11ReadinessRow = { as_of: string | null; assessed: number; compatible: number; remediable: number; incompatible: number; unknown: number };
export type ThreatLockerCoverageRow = { open_missing: number; hostnames: string[] };
export type DrupalPostureRow = { sites: number; sites_with_security_updates: number; security_updates: number };

/** The latest 24H2 assessment per device; excluded devices (not Windows workstations) do not count. */
export async function windows11Readiness(db: Db, organizationId: number): Promise<Windows11ReadinessRow> {
  const r = await sql<{ as_of: string | null; assessed: string; compatible: string; remediable: string; incompatible: string; unknown: string }>`
    select max(snapshot_date)::text as as_of,
      count(*) as assessed,
      count(*) filter (where outcome = 'compatible') as compatible,
      count(*) filter (where outcome = 'remediable') as remediable,
      count(*) filter (where outcome = 'incompatible') as incompatible,
      count(*) filter (where outcome = 'unknown') as unknown
    from windows11_assessments
    where organization_id = ${organizationId} and outcome <> 'excluded'`.execute(db);
  const row = r.rows[0];
  return { as_of: row?.as_of ?? null, assessed: Number(row?.assessed ?? 0), compatible: Number(row?.compatible ?? 0), remediable: Number(row?.remediable ?? 0), incompatible: Number(row?.incompatible ?? 0), unknown: Number(row?.unknown ?? 0) };
}

/** Open "missing ThreatLocker" exceptions (up to 200 hostnames). */
export async function threatLockerCoverage(db: Db, organizationId: number): Promise<ThreatLockerCoverageRow> {
  const r = await sql<{ hostname: string }>`
    select hostname from exceptions
    where organization_id = ${organizationId} and type = 'MISSING_THREATLOCKER' and resolved is false
    order by hostname limit 200`.execute(db);
  return { open_missing: r.rows.length, hostnames: r.rows.map((x) => x.hostname) };
}

export async function drupalPosture(db: Db, organizationId: number): Promise<DrupalPostureRow> {
  const r = await sql<{ sites: string; flagged: string; updates: string }>`
    select count(distinct s.id) as sites,
      count(distinct s.id) filter (where sm.security_update) as flagged,
      count(sm.id) filter (where sm.security_update) as updates
    from sites s left join site_modules sm on sm.site_id = s.id and sm.removed_at is null
    where s.organization_id = ${organizationId} and s.is_deleted = false`.execute(db);
  const row = r.rows[0];
  return { sites: Number(row?.sites ?? 0), sites_with_security_updates: Number(row?.flagged ?? 0), security_updates: Number(row?.updates ?? 0) };
}
