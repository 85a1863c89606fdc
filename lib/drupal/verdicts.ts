import { sql } from 'kysely';
import type { Db } from '@/db';
import type { ReleaseHistory } from './model/release-history';
import { assessUpdateStatus, type ReleaseHistoryInput, type Verdict } from './model/update-status';

// Stores core's verdict on every site module in scope: after a report (one
// site) or after new release data (every site running a project). The
// verdict is computed once per distinct (project, version, core) and written
// back in a few set-based statements.

type CacheRow = { module_id: number; fetch_status: string; history: unknown; last_error: string | null };

/** What the verdict engine is given for a project's cached release data. */
export function releaseInputOf(cache: CacheRow | undefined): ReleaseHistoryInput {
  if (!cache || cache.fetch_status === 'pending') return null;
  // Keep judging on the last good data while the feed misbehaves.
  if (cache.history) return { kind: 'ok', project: cache.history as ReleaseHistory, warnings: [] };
  if (cache.fetch_status === 'not_found') return { kind: 'not-found', message: cache.last_error ?? 'No release history' };
  return { kind: 'fetch-failed', message: cache.last_error ?? 'Release history could not be fetched' };
}

export function verdictColumns(verdict: Verdict) {
  return {
    status: verdict.status,
    status_reason: verdict.reason ?? verdict.notes[0]?.label ?? null,
    update_available: verdict.updateAvailable,
    security_update: verdict.securityUpdate,
    recommended_version: verdict.recommendedVersion,
    latest_version: verdict.latestVersion,
    security_releases: verdict.securityUpdates.map((r) => ({
      version: r.version,
      date: r.date,
      release_link: r.releaseLink,
      core_compatible: r.isCoreCompatible,
    })),
  };
}

const CHUNK = 2000;

export async function recomputeVerdicts(
  db: Db,
  filter: { siteIds?: number[]; moduleIds?: number[] },
): Promise<{ updated: number; newSecurityFindings: number }> {
  if (filter.siteIds?.length === 0 || filter.moduleIds?.length === 0) return { updated: 0, newSecurityFindings: 0 };
  const rows = await db
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
  if (rows.length === 0) return { updated: 0, newSecurityFindings: 0 };

  const moduleIds = [...new Set(rows.map((r) => r.module_id))];
  const caches = await db
    .selectFrom('module_release_caches')
    .select(['module_id', 'fetch_status', 'history', 'last_error'])
    .where('module_id', 'in', moduleIds)
    .execute();
  const cacheOf = new Map(caches.map((c) => [c.module_id, c]));

  const memo = new Map<string, ReturnType<typeof verdictColumns>>();
  let newSecurityFindings = 0;
  const updates = rows.map((row) => {
    const key = `${row.module_id}\u0000${row.current_version}\u0000${row.type}\u0000${row.core_version}`;
    let columns = memo.get(key);
    if (!columns) {
      const verdict = assessUpdateStatus(
        { version: row.current_version, isCustom: row.type === 'custom', coreVersion: row.core_version ?? null },
        releaseInputOf(cacheOf.get(row.module_id)),
      );
      columns = verdictColumns(verdict);
      memo.set(key, columns);
    }
    if (columns.security_update && !row.security_update) newSecurityFindings += 1;
    return { id: row.id, ...columns };
  });

  for (let i = 0; i < updates.length; i += CHUNK) {
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
      from jsonb_to_recordset(${JSON.stringify(updates.slice(i, i + CHUNK))}::jsonb) as v(
        id int, status text, status_reason text, update_available boolean, security_update boolean,
        recommended_version text, latest_version text, security_releases jsonb)
      where sm.id = v.id`.execute(db);
  }
  return { updated: updates.length, newSecurityFindings };
}
