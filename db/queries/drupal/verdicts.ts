import { sql } from 'kysely';
import type { Db } from '@/db';
import type { VerdictColumns } from './apply';

// Reading what the update-status engine judges (site modules with their
// site's core version, and cached release data) and writing its verdicts back.

/** Live site modules of the given sites or projects, each with its site's core version. */
export async function listSiteModulesToJudge(db: Db, filter: { siteIds?: number[]; moduleIds?: number[] }) {
  return db
    .selectFrom('site_modules as sm')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('site_modules as c')
          .innerJoin('modules as cm', 'cm.id', 'c.module_id')
          .where('cm.module_name', '=', 'drupal')
          .where('c.removed_at', 'is', null)
          .select(['c.site_id', 'c.current_version as core_version'])
          .as('core'),
      (join) => join.onRef('core.site_id', '=', 'sm.site_id'),
    )
    .select(['sm.id', 'sm.module_id', 'sm.current_version', 'sm.type', 'sm.security_update', 'core.core_version'])
    .where('sm.removed_at', 'is', null)
    .$if(filter.siteIds !== undefined, (q) => q.where('sm.site_id', 'in', filter.siteIds!))
    .$if(filter.moduleIds !== undefined, (q) => q.where('sm.module_id', 'in', filter.moduleIds!))
    .execute();
}

/**
 * What identifies a project's cached release data, without the data itself:
 * a verdict judged on one stamp holds for as long as the stamp is the same.
 */
export type ReleaseStamp = {
  module_id: number;
  fetch_status: string;
  has_history: boolean;
  /** Changes with every write of the cache row. */
  version: string;
  last_error: string | null;
};

const stampColumns = sql`module_id, fetch_status, history is not null as has_history,
  xmin::text || '/' || coalesce(extract(epoch from data_changed_at)::text, '') as version, last_error`;

/** The release-data stamps of these projects. */
export async function listReleaseStamps(db: Db, moduleIds: number[]): Promise<ReleaseStamp[]> {
  if (moduleIds.length === 0) return [];
  const rows = await sql<ReleaseStamp>`
    select ${stampColumns} from module_release_caches
    where module_id in (select value::int from jsonb_array_elements_text(${JSON.stringify(moduleIds)}::jsonb))`.execute(db);
  return rows.rows;
}

/**
 * The release-data stamps of these projects, each row locked (FOR SHARE, in
 * id order) until the transaction ends. Storing new release data locks the
 * row exclusively first, so a worker applying reports and the release sync
 * of one of their projects take turns: whichever commits last judges with
 * what the other stored.
 */
export async function lockReleaseStamps(db: Db, moduleIds: number[]): Promise<ReleaseStamp[]> {
  if (moduleIds.length === 0) return [];
  const rows = await sql<ReleaseStamp>`
    select ${stampColumns} from module_release_caches
    where module_id in (select value::int from jsonb_array_elements_text(${JSON.stringify([...new Set(moduleIds)].sort((a, b) => a - b))}::jsonb))
    order by module_id
    for share`.execute(db);
  return rows.rows;
}

/** The stored release histories of these projects. */
export async function listReleaseHistories(db: Db, moduleIds: number[]): Promise<{ module_id: number; history: unknown }[]> {
  if (moduleIds.length === 0) return [];
  return db.selectFrom('module_release_caches').select(['module_id', 'history']).where('module_id', 'in', moduleIds).execute();
}

// Rows per statement: keeps each statement's parameter well below any limit.
const CHUNK = 5000;

/**
 * Writes verdicts back in a few set-based statements, stamping verdict_at:
 * each row names its verdict by index into `verdicts` (shared verdicts are
 * sent once).
 */
export async function storeVerdicts(db: Db, rows: { id: number; verdict: number }[], verdicts: VerdictColumns[]): Promise<void> {
  const shared = JSON.stringify(verdicts.map((v, k) => ({ ...v, k })));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`
      update site_modules sm set
        status = v.status,
        status_reason = v.status_reason,
        update_available = v.update_available,
        security_update = v.security_update,
        recommended_version = v.recommended_version,
        latest_version = v.latest_version,
        security_releases = v.security_releases,
        verdict_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) as r(id int, verdict int)
      join jsonb_to_recordset(${shared}::jsonb) as v(
        k int, status text, status_reason text, update_available boolean, security_update boolean,
        recommended_version text, latest_version text, security_releases jsonb) on v.k = r.verdict
      where sm.id = r.id`.execute(db);
  }
}
