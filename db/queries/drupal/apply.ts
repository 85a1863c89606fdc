import { sql } from 'kysely';
import type { Db } from '@/db';
import type { ReportEntry } from '@/db/types-domain/drupal';

// Applying one parsed report to a site, set-based: a handful of statements
// whatever the number of modules. Runs inside the worker's transaction, with
// the site locked, so reports of one site apply one after another.

export type ApplyCounts = { added: number; changed: number; unchanged: number; removed: number; new_modules: number[] };

const json = (value: unknown) => JSON.stringify(value);

/**
 * Locks a site's row while its reports are applied; false when there is no
 * such site, or (with skipLocked) another worker holds it. NO KEY UPDATE
 * leaves new reports free to reference the site meanwhile.
 */
export async function lockSiteForApply(db: Db, siteId: number, opts: { skipLocked?: boolean } = {}): Promise<boolean> {
  const locked = await sql<{ id: number }>`
    select id from sites where id = ${siteId}::int for no key update ${opts.skipLocked ? sql`skip locked` : sql``}`.execute(db);
  return locked.rows.length > 0;
}

/** Module ids by project name, creating the missing ones. */
export async function ensureModules(db: Db, names: string[]): Promise<{ ids: Map<string, number>; created: number[] }> {
  if (names.length === 0) return { ids: new Map(), created: [] };
  const created = await sql<{ id: number }>`
    insert into modules (module_name)
    select name from jsonb_array_elements_text(${json(names)}::jsonb) as name
    on conflict (module_name) do nothing
    returning id`.execute(db);
  const rows = await sql<{ id: number; module_name: string }>`
    select id, module_name from modules
    where module_name in (select jsonb_array_elements_text(${json(names)}::jsonb))`.execute(db);
  return { ids: new Map(rows.rows.map((r) => [r.module_name, r.id])), created: created.rows.map((r) => r.id) };
}

/** module_versions ids for (module, version) pairs, creating the missing ones. */
async function ensureVersions(db: Db, pairs: { module_id: number; version: string }[]): Promise<Map<string, number>> {
  if (pairs.length === 0) return new Map();
  await sql`
    insert into module_versions (module_id, version_number)
    select module_id, version from jsonb_to_recordset(${json(pairs)}::jsonb) as p(module_id int, version text)
    on conflict (module_id, version_number) do nothing`.execute(db);
  const rows = await sql<{ id: number; module_id: number; version_number: string }>`
    select v.id, v.module_id, v.version_number
    from module_versions v
    join jsonb_to_recordset(${json(pairs)}::jsonb) as p(module_id int, version text)
      on p.module_id = v.module_id and p.version = v.version_number`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.module_id}\u0000${r.version_number}`, r.id]));
}

export async function applyReportEntries(
  db: Db,
  input: { siteId: number; reportId: number; at: Date; entries: ReportEntry[] },
): Promise<ApplyCounts> {
  const { siteId, reportId, at, entries } = input;
  const { ids, created } = await ensureModules(
    db,
    entries.map((e) => e.project),
  );
  const versionIds = await ensureVersions(
    db,
    entries.flatMap((e) => (e.version === null ? [] : [{ module_id: ids.get(e.project)!, version: e.version }])),
  );

  const existing = await db
    .selectFrom('site_modules')
    .select(['module_id', 'current_version', 'removed_at'])
    .where('site_id', '=', siteId)
    .execute();
  const before = new Map(existing.map((r) => [r.module_id, r]));

  const rows = entries.map((e) => {
    const moduleId = ids.get(e.project)!;
    const previous = before.get(moduleId);
    const isNew = previous === undefined || previous.removed_at !== null;
    const isChanged = !isNew && previous.current_version !== e.version;
    return {
      module_id: moduleId,
      version: e.version,
      version_id: e.version === null ? null : (versionIds.get(`${moduleId}\u0000${e.version}`) ?? null),
      type: e.type,
      enabled: e.enabled,
      extensions: e.extensions,
      previous_version: previous?.current_version ?? null,
      kind: isNew ? 'added' : isChanged ? 'changed' : 'unchanged',
    };
  });
  const reported = new Set(rows.map((r) => r.module_id));
  const removed = existing.filter((r) => r.removed_at === null && !reported.has(r.module_id)).map((r) => r.module_id);

  if (rows.length > 0) {
    // A version change resets the verdict until it is recomputed after this report.
    await sql`
      insert into site_modules (site_id, module_id, current_version, current_version_id, type, enabled, extensions, first_seen, last_seen)
      select ${siteId}::int, r.module_id, r.version, r.version_id, r.type, r.enabled, r.extensions, ${at}::timestamptz, ${at}::timestamptz
      from jsonb_to_recordset(${json(rows)}::jsonb)
        as r(module_id int, version text, version_id int, type text, enabled boolean, extensions jsonb)
      on conflict (site_id, module_id) do update set
        current_version = excluded.current_version,
        current_version_id = excluded.current_version_id,
        type = excluded.type,
        enabled = excluded.enabled,
        extensions = excluded.extensions,
        last_seen = greatest(site_modules.last_seen, excluded.last_seen),
        first_seen = case when site_modules.removed_at is not null then excluded.first_seen else site_modules.first_seen end,
        removed_at = null,
        status = case when site_modules.current_version is distinct from excluded.current_version
                   or site_modules.type is distinct from excluded.type then 'not_fetched' else site_modules.status end`.execute(db);
  }

  const moved = rows.filter((r) => r.kind !== 'unchanged');
  if (moved.length > 0) {
    await sql`
      insert into site_module_history (site_id, module_id, version, previous_version, first_seen, last_seen, report_id)
      select ${siteId}::int, r.module_id, r.version, r.previous_version, ${at}::timestamptz, ${at}::timestamptz, ${reportId}::bigint
      from jsonb_to_recordset(${json(moved)}::jsonb) as r(module_id int, version text, previous_version text)`.execute(db);
  }
  const still = rows.filter((r) => r.kind === 'unchanged').map((r) => r.module_id);
  if (still.length > 0) {
    // Only the open run of each module moves forward; older runs stay closed.
    await sql`
      update site_module_history h set last_seen = greatest(h.last_seen, ${at}::timestamptz)
      where h.id in (
        select max(id) from site_module_history
        where site_id = ${siteId}::int
          and module_id in (select value::int from jsonb_array_elements_text(${json(still)}::jsonb))
        group by module_id)`.execute(db);
  }
  if (removed.length > 0) {
    await db
      .updateTable('site_modules')
      .set({ removed_at: at })
      .where('site_id', '=', siteId)
      .where('module_id', 'in', removed)
      .execute();
  }
  return {
    added: rows.filter((r) => r.kind === 'added').length,
    changed: rows.filter((r) => r.kind === 'changed').length,
    unchanged: still.length,
    removed: removed.length,
    new_modules: created,
  };
}
