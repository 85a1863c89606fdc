import { sql } from 'kysely';
import type { Db } from '@/db';

// A client's security and lifecycle posture for the client QBR, read from
// the other domains' tables: Windows 11 24H2 readiness and devices without
// ThreatLocker (inventory), and Drupal sites with security updates pending
// (drupal). Each part is null when its tables are not on this installation,
// and the page then leaves that part out.

async function tablesExist(db: Db, names: readonly string[]): Promise<boolean> {
  const rows = await sql<{ name: string; present: boolean }>`
    select n as name, to_regclass('public.' || n) is not null as present from unnest(${sql.val(names)}::text[]) n`.execute(db);
  return rows.rows.every((r) => r.present);
}

export type Windows11Readiness = { as_of: string | null; assessed: number; compatible: number; remediable: number; incompatible: number; unknown: number };
export type ThreatLockerCoverage = { open_missing: number; hostnames: string[] };
export type DrupalPosture = { sites: number; sites_with_security_updates: number; security_updates: number };
export type ClientPosture = { windows11: Windows11Readiness | null; threatlocker: ThreatLockerCoverage | null; drupal: DrupalPosture | null };

/** The inventory domain's latest 24H2 assessment per device; excluded devices (not Windows workstations) do not count. */
export async function windows11Readiness(db: Db, organizationId: number): Promise<Windows11Readiness | null> {
  if (!(await tablesExist(db, ['windows11_assessments']))) return null;
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
  if (!row) return null;
  return { as_of: row.as_of, assessed: Number(row.assessed), compatible: Number(row.compatible), remediable: Number(row.remediable), incompatible: Number(row.incompatible), unknown: Number(row.unknown) };
}

export async function threatLockerCoverage(db: Db, organizationId: number): Promise<ThreatLockerCoverage | null> {
  if (!(await tablesExist(db, ['exceptions']))) return null;
  const r = await sql<{ hostname: string }>`
    select hostname from exceptions
    where organization_id = ${organizationId} and type = 'MISSING_THREATLOCKER' and resolved is false
    order by hostname limit 200`.execute(db);
  return { open_missing: r.rows.length, hostnames: r.rows.map((x) => x.hostname) };
}

export async function drupalPosture(db: Db, organizationId: number): Promise<DrupalPosture | null> {
  if (!(await tablesExist(db, ['site_modules']))) return null;
  const r = await sql<{ sites: string; flagged: string; updates: string }>`
    select count(distinct s.id) as sites,
      count(distinct s.id) filter (where sm.security_update) as flagged,
      count(sm.id) filter (where sm.security_update) as updates
    from sites s left join site_modules sm on sm.site_id = s.id and sm.removed_at is null
    where s.organization_id = ${organizationId} and s.is_deleted = false`.execute(db);
  const row = r.rows[0];
  return { sites: Number(row?.sites ?? 0), sites_with_security_updates: Number(row?.flagged ?? 0), security_updates: Number(row?.updates ?? 0) };
}

export async function clientPosture(db: Db, organizationId: number): Promise<ClientPosture> {
  const [windows11, threatlocker, drupal] = await Promise.all([windows11Readiness(db, organizationId), threatLockerCoverage(db, organizationId), drupalPosture(db, organizationId)]);
  return { windows11, threatlocker, drupal };
}
