import type { Db } from '@/db';
import { listReleaseCaches, listSiteModulesToJudge, storeVerdicts } from '@/db/queries/drupal/verdicts';
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

export async function recomputeVerdicts(
  db: Db,
  filter: { siteIds?: number[]; moduleIds?: number[] },
): Promise<{ updated: number; newSecurityFindings: number }> {
  if (filter.siteIds?.length === 0 || filter.moduleIds?.length === 0) return { updated: 0, newSecurityFindings: 0 };
  const rows = await listSiteModulesToJudge(db, filter);
  if (rows.length === 0) return { updated: 0, newSecurityFindings: 0 };

  const caches = await listReleaseCaches(db, [...new Set(rows.map((r) => r.module_id))]);
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
  await storeVerdicts(db, updates);
  return { updated: updates.length, newSecurityFindings };
}
