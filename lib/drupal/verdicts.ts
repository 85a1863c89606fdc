import type { Db } from '@/db';
import type { VerdictColumns } from '@/db/queries/drupal/apply';
import { listReleaseHistories, listReleaseStamps, listSiteModulesToJudge, storeVerdicts, type ReleaseStamp } from '@/db/queries/drupal/verdicts';
import type { ReleaseHistory } from './model/release-history';
import { assessUpdateStatus, type ReleaseHistoryInput, type Verdict } from './model/update-status';

// Core's verdict on site modules. A verdict depends only on the project's
// release data, the installed version, the kind of extension and the site's
// core version; so each distinct (project, release data, version, type,
// core) is judged once and shared by every site that runs it, here and in
// later batches (the release data's stamp changes whenever the data does).
// Release histories are read only for what was not judged before.

type CacheRow = { fetch_status: string; history: unknown; last_error: string | null };

/** What the verdict engine is given for a project's cached release data. */
export function releaseInputOf(cache: CacheRow | undefined): ReleaseHistoryInput {
  if (!cache || cache.fetch_status === 'pending') return null;
  // Keep judging on the last good data while the feed misbehaves.
  if (cache.history) return { kind: 'ok', project: cache.history as ReleaseHistory, warnings: [] };
  if (cache.fetch_status === 'not_found') return { kind: 'not-found', message: cache.last_error ?? 'No release history' };
  return { kind: 'fetch-failed', message: cache.last_error ?? 'Release history could not be fetched' };
}

export function verdictColumns(verdict: Verdict): VerdictColumns {
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

/** What a verdict is asked about. */
export type Judged = { module_id: number; version: string | null; type: string; core_version: string | null };

// Verdicts judged before, by what they depend on. Bounded: the oldest go first.
const MEMO_LIMIT = 50_000;
const memo = new Map<string, VerdictColumns>();

const stampKey = (stamp: ReleaseStamp | undefined) =>
  !stamp || stamp.fetch_status === 'pending' ? 'pending' : stamp.has_history ? `h${stamp.version}` : `${stamp.fetch_status}\u0001${stamp.last_error ?? ''}`;

function remember(key: string, columns: VerdictColumns): void {
  if (memo.size >= MEMO_LIMIT) {
    let drop = MEMO_LIMIT / 10;
    for (const old of memo.keys()) {
      memo.delete(old);
      if (--drop <= 0) break;
    }
  }
  memo.set(key, columns);
}

/**
 * Judges every item against the given release stamps: answers the distinct
 * verdicts and, per item, the index of its verdict.
 */
export async function judge(db: Db, items: readonly Judged[], stamps: readonly ReleaseStamp[]): Promise<{ verdicts: VerdictColumns[]; index: number[] }> {
  const stampOf = new Map(stamps.map((s) => [s.module_id, s]));
  const keyOf = (item: Judged) =>
    `${item.module_id}\u0000${stampKey(stampOf.get(item.module_id))}\u0000${item.version}\u0000${item.type}\u0000${item.core_version}`;
  const keys = items.map(keyOf);

  // Histories only of projects with something not judged before.
  const unjudged = new Set<number>();
  items.forEach((item, i) => {
    if (!memo.has(keys[i]!) && item.type !== 'custom' && stampOf.get(item.module_id)?.has_history) unjudged.add(item.module_id);
  });
  const histories = new Map((await listReleaseHistories(db, [...unjudged])).map((h) => [h.module_id, h.history]));

  const verdicts: VerdictColumns[] = [];
  const position = new Map<string, number>();
  const index = items.map((item, i) => {
    const key = keys[i]!;
    let at = position.get(key);
    if (at !== undefined) return at;
    let columns = memo.get(key);
    if (!columns) {
      const stamp = stampOf.get(item.module_id);
      const cache = stamp && { fetch_status: stamp.fetch_status, history: histories.get(item.module_id) ?? null, last_error: stamp.last_error };
      columns = verdictColumns(
        assessUpdateStatus({ version: item.version, isCustom: item.type === 'custom', coreVersion: item.core_version }, releaseInputOf(cache)),
      );
      remember(key, columns);
    }
    at = verdicts.push(columns) - 1;
    position.set(key, at);
    return at;
  });
  return { verdicts, index };
}

/** Recomputes and stores the verdicts of the live site modules of these sites or projects. */
export async function recomputeVerdicts(
  db: Db,
  filter: { siteIds?: number[]; moduleIds?: number[] },
): Promise<{ updated: number; newSecurityFindings: number }> {
  if (filter.siteIds?.length === 0 || filter.moduleIds?.length === 0) return { updated: 0, newSecurityFindings: 0 };
  const rows = await listSiteModulesToJudge(db, filter);
  if (rows.length === 0) return { updated: 0, newSecurityFindings: 0 };
  const stamps = await listReleaseStamps(db, [...new Set(rows.map((r) => r.module_id))]);
  const { verdicts, index } = await judge(
    db,
    rows.map((r) => ({ module_id: r.module_id, version: r.current_version, type: r.type, core_version: r.core_version ?? null })),
    stamps,
  );
  let newSecurityFindings = 0;
  rows.forEach((row, i) => {
    if (verdicts[index[i]!]!.security_update && !row.security_update) newSecurityFindings += 1;
  });
  await storeVerdicts(db, rows.map((row, i) => ({ id: row.id, verdict: index[i]! })), verdicts);
  return { updated: rows.length, newSecurityFindings };
}
