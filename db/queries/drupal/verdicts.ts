import { sql } from 'kysely';
import type { Db } from '@/db';
import type { SiteModuleStatus, StoredSecurityRelease } from '@/db/types-domain/drupal';

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

export async function listReleaseCaches(db: Db, moduleIds: number[]) {
  return db
    .selectFrom('module_release_caches')
    .select(['module_id', 'fetch_status', 'history', 'last_error'])
    .where('module_id', 'in', moduleIds)
    .execute();
}

/** The verdict columns of one site module. */
export type VerdictRow = {
  id: number;
  status: SiteModuleStatus;
  status_reason: string | null;
  update_available: boolean;
  security_update: boolean;
  recommended_version: string | null;
  latest_version: string | null;
  security_releases: StoredSecurityRelease[];
};

// Rows per statement: keeps each statement's parameter well below any limit.
const CHUNK = 2000;

/** Writes verdicts back in a few set-based statements, stamping verdict_at. */
export async function storeVerdicts(db: Db, rows: VerdictRow[]): Promise<void> {
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
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb) as v(
        id int, status text, status_reason text, update_available boolean, security_update boolean,
        recommended_version text, latest_version text, security_releases jsonb)
      where sm.id = v.id`.execute(db);
  }
}
