import { sql } from 'kysely';
import type { Db } from '@/db';
import type { StoredSecurityRelease } from '@/db/types-domain/drupal';

// Applying reports to sites, set-based: a handful of statements for a whole
// batch of reports (one report per site at a time), whatever the number of
// sites and modules. Runs inside the worker's transaction with the sites
// locked, so the reports of one site apply one after another.

export type ApplyCounts = { added: number; changed: number; unchanged: number; removed: number; new_modules: number[] };

const json = (value: unknown) => JSON.stringify(value);
const ascending = (a: number, b: number) => a - b;

/**
 * Locks sites' rows while their reports are applied, in id order (two
 * workers never wait for each other in a circle); answers the sites locked:
 * not those that do not exist, nor (with skipLocked) those another worker
 * holds. NO KEY UPDATE leaves new reports free to reference the sites meanwhile.
 */
export async function lockSitesForApply(db: Db, siteIds: number[], opts: { skipLocked?: boolean } = {}): Promise<number[]> {
  if (siteIds.length === 0) return [];
  const locked = await sql<{ id: number }>`
    select id from sites
    where id in (select value::int from jsonb_array_elements_text(${json([...new Set(siteIds)].sort(ascending))}::jsonb))
    order by id
    for no key update ${opts.skipLocked ? sql`skip locked` : sql``}`.execute(db);
  return locked.rows.map((r) => r.id);
}

/** Module ids by project name, creating the missing ones (in name order, so concurrent workers wait in one order). */
export async function ensureModules(db: Db, names: string[]): Promise<{ ids: Map<string, number>; created: number[] }> {
  if (names.length === 0) return { ids: new Map(), created: [] };
  const sorted = json([...new Set(names)].sort());
  const created = await sql<{ id: number }>`
    insert into modules (module_name)
    select name from jsonb_array_elements_text(${sorted}::jsonb) as name
    on conflict (module_name) do nothing
    returning id`.execute(db);
  const rows = await sql<{ id: number; module_name: string }>`
    select id, module_name from modules
    where module_name in (select jsonb_array_elements_text(${sorted}::jsonb))`.execute(db);
  return { ids: new Map(rows.rows.map((r) => [r.module_name, r.id])), created: created.rows.map((r) => r.id) };
}

/** module_versions ids for (module, version) pairs, creating the missing ones. */
export async function ensureVersions(db: Db, pairs: { module_id: number; version: string }[]): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  const unique = [...new Map(pairs.map((p) => [`${p.module_id}\u0000${p.version}`, p])).values()].sort(
    (a, b) => a.module_id - b.module_id || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
  );
  await sql`
    insert into module_versions (module_id, version_number)
    select module_id, version from jsonb_to_recordset(${json(unique)}::jsonb) as p(module_id int, version text)
    on conflict (module_id, version_number) do nothing`.execute(db);
  const rows = await sql<{ id: number; module_id: number; version_number: string }>`
    select v.id, v.module_id, v.version_number
    from module_versions v
    join jsonb_to_recordset(${json(unique)}::jsonb) as p(module_id int, version text)
      on p.module_id = v.module_id and p.version = v.version_number`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.module_id}\u0000${r.version_number}`, r.id]));
}

/** Every site module of these sites, removed ones included. */
export async function listSiteModulesOf(db: Db, siteIds: number[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('site_modules')
    .select(['site_id', 'module_id', 'current_version', 'removed_at', 'security_update'])
    .where('site_id', 'in', siteIds)
    .execute();
}

/** One site module as a report leaves it, with the verdict on what it now runs. */
export type AppliedSiteModule = {
  site_id: number;
  module_id: number;
  version: string | null;
  version_id: number | null;
  type: string;
  enabled: boolean;
  extensions: string[];
  at: Date;
  /** Index into the verdicts passed alongside. */
  verdict: number;
};

/** The verdict columns of a site module. */
export type VerdictColumns = {
  status: string;
  status_reason: string | null;
  update_available: boolean;
  security_update: boolean;
  recommended_version: string | null;
  latest_version: string | null;
  security_releases: StoredSecurityRelease[];
};

// Rows per statement: keeps each statement's parameter well below any limit.
const CHUNK = 5000;

/** Inserts or updates the reported site modules with their verdicts, in one statement per chunk. */
export async function upsertSiteModules(db: Db, rows: AppliedSiteModule[], verdicts: VerdictColumns[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      insert into site_modules (site_id, module_id, current_version, current_version_id, type, enabled, extensions, first_seen, last_seen,
                                status, status_reason, update_available, security_update, recommended_version, latest_version,
                                security_releases, verdict_at)
      select r.site_id, r.module_id, r.version, r.version_id, r.type, r.enabled, r.extensions, r.at, r.at,
             v.status, v.status_reason, v.update_available, v.security_update, v.recommended_version, v.latest_version,
             v.security_releases, now()
      from jsonb_to_recordset(${json(rows.slice(i, i + CHUNK))}::jsonb)
        as r(site_id int, module_id int, version text, version_id int, type text, enabled boolean, extensions jsonb, at timestamptz, verdict int)
      join jsonb_to_recordset(${json(verdicts.map((v, k) => ({ ...v, k })))}::jsonb)
        as v(k int, status text, status_reason text, update_available boolean, security_update boolean,
             recommended_version text, latest_version text, security_releases jsonb)
        on v.k = r.verdict
      order by r.site_id, r.module_id
      on conflict (site_id, module_id) do update set
        current_version = excluded.current_version,
        current_version_id = excluded.current_version_id,
        type = excluded.type,
        enabled = excluded.enabled,
        extensions = excluded.extensions,
        last_seen = greatest(site_modules.last_seen, excluded.last_seen),
        first_seen = case when site_modules.removed_at is not null then excluded.first_seen else site_modules.first_seen end,
        removed_at = null,
        status = excluded.status,
        status_reason = excluded.status_reason,
        update_available = excluded.update_available,
        security_update = excluded.security_update,
        recommended_version = excluded.recommended_version,
        latest_version = excluded.latest_version,
        security_releases = excluded.security_releases,
        verdict_at = excluded.verdict_at`.execute(db);
  }
}

/** Opens a history run for each module whose version moved (or that appeared). */
export async function insertHistoryRuns(
  db: Db,
  rows: { site_id: number; module_id: number; version: string | null; previous_version: string | null; at: Date; report_id: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      insert into site_module_history (site_id, module_id, version, previous_version, first_seen, last_seen, report_id)
      select r.site_id, r.module_id, r.version, r.previous_version, r.at, r.at, r.report_id
      from jsonb_to_recordset(${json(rows.slice(i, i + CHUNK))}::jsonb)
        as r(site_id int, module_id int, version text, previous_version text, at timestamptz, report_id int8)
      order by r.report_id, r.module_id`.execute(db);
  }
}

/** Moves the open history run of each unchanged module forward; older runs stay closed. */
export async function extendHistoryRuns(db: Db, rows: { site_id: number; module_id: number; at: Date }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      update site_module_history h set last_seen = greatest(h.last_seen, o.at)
      from (
        select (select max(l.id) from site_module_history l where l.site_id = r.site_id and l.module_id = r.module_id) as id, r.at
        from jsonb_to_recordset(${json(rows.slice(i, i + CHUNK))}::jsonb) as r(site_id int, module_id int, at timestamptz)
      ) o
      where h.id = o.id`.execute(db);
  }
}

/** Marks modules a report no longer lists as removed. */
export async function markSiteModulesRemoved(db: Db, rows: { site_id: number; module_id: number; at: Date }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      update site_modules sm set removed_at = r.at
      from jsonb_to_recordset(${json(rows.slice(i, i + CHUNK))}::jsonb) as r(site_id int, module_id int, at timestamptz)
      where sm.site_id = r.site_id and sm.module_id = r.module_id`.execute(db);
  }
}
