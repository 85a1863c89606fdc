import { sql } from 'kysely';
import type { Db } from '@/db';

// An organisation's inventory posture, for the client QBR: Windows 11 24H2
// readiness and devices without ThreatLocker.

export type Windows11ReadinessRow = { as_of: string | null; assessed: number; compatible: number; remediable: number; incompatible: number; unknown: number };
export type ThreatLockerCoverageRow = { open_missing: number; hostnames: string[] };

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
