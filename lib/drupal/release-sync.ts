import type { Db } from '@/db';
import { listDueProjects, markNotModified, recordFetchProblem, storeFetchedHistory, type DueProject } from '@/db/queries/drupal/releases';
import { mapWithConcurrency } from '@/lib/vendors/http/concurrency';
import { createReleaseFetcher, type ReleaseFetcher } from '@/lib/vendors/drupal/client';
import { parseReleaseHistory, versionRowsOf } from './model/release-history';
import { recomputeVerdicts } from './verdicts';

// The release-data job: fetch each due project's history once (whatever the
// number of sites running it), store it, and recompute the verdicts of every
// site running a project whose data changed.

export const REFRESH_INTERVAL_MS = 24 * 60 * 60 * 1000;
const MAX_PROJECTS_PER_RUN = 2_000;

/** Backoff after consecutive failures: 5 min, 10, 20 … capped at 6 hours. */
export function retryDelayMs(consecutiveFailures: number): number {
  return Math.min(6 * 60 * 60 * 1000, 5 * 60 * 1000 * 2 ** Math.max(0, consecutiveFailures));
}

export type SyncSummary = {
  projects: number;
  fetched: number;
  not_modified: number;
  not_found: number;
  failed: number;
  changed: number;
  verdicts_updated: number;
  new_security_findings: number;
};

export async function syncReleaseHistories(
  db: Db,
  opts: {
    baseUrl: string;
    moduleIds?: number[];
    concurrency?: number;
    fetcher?: ReleaseFetcher;
    now?: () => Date;
    onProgress?: (done: number, total: number) => Promise<void>;
  },
): Promise<SyncSummary> {
  const now = opts.now ?? (() => new Date());
  const fetcher = opts.fetcher ?? createReleaseFetcher({ baseUrl: opts.baseUrl, concurrency: opts.concurrency });
  const due = await listDueProjects(db, { moduleIds: opts.moduleIds, now: now(), limit: MAX_PROJECTS_PER_RUN });
  const summary: SyncSummary = {
    projects: due.length,
    fetched: 0,
    not_modified: 0,
    not_found: 0,
    failed: 0,
    changed: 0,
    verdicts_updated: 0,
    new_security_findings: 0,
  };
  let done = 0;
  await mapWithConcurrency(due, opts.concurrency ?? 4, async (project) => {
    const outcome = await fetcher.fetch(project.module_name, { etag: project.etag, lastModified: project.last_modified });
    const kind = await storeOutcome(db, project, outcome, now());
    summary[kind] += 1;
    done += 1;
    if (opts.onProgress && done % 20 === 0) await opts.onProgress(done, due.length);
  });
  return summary;

  // One short transaction per project: its data and its sites' verdicts move together.
  async function storeOutcome(
    database: Db,
    project: DueProject,
    outcome: Awaited<ReturnType<ReleaseFetcher['fetch']>>,
    at: Date,
  ): Promise<'fetched' | 'not_modified' | 'not_found' | 'failed'> {
    const next = new Date(at.getTime() + REFRESH_INTERVAL_MS);
    const retryAt = new Date(at.getTime() + retryDelayMs(project.consecutive_failures));
    return database.transaction().execute(async (trx) => {
      let kind: 'fetched' | 'not_modified' | 'not_found' | 'failed';
      let changed = false;
      if (outcome.kind === 'not-modified') {
        await markNotModified(trx, project.module_id, at, next);
        kind = 'not_modified';
      } else if (outcome.kind === 'failed') {
        await recordFetchProblem(trx, { moduleId: project.module_id, status: 'error', message: outcome.message, now: at, nextFetchAt: retryAt });
        kind = 'failed';
        changed = !project.has_history && project.fetch_status !== 'error';
      } else {
        const parsed = parseReleaseHistory(outcome.xml);
        if (parsed.kind === 'ok') {
          changed = await storeFetchedHistory(trx, {
            moduleId: project.module_id,
            history: parsed.project,
            releases: versionRowsOf(parsed.project),
            etag: outcome.etag,
            lastModified: outcome.lastModified,
            now: at,
            nextFetchAt: next,
          });
          kind = 'fetched';
        } else if (parsed.kind === 'not-found') {
          // drupal.org's definitive "no such project": ask again tomorrow.
          await recordFetchProblem(trx, { moduleId: project.module_id, status: 'not_found', message: parsed.message, now: at, nextFetchAt: next });
          kind = 'not_found';
          changed = !project.has_history && project.fetch_status !== 'not_found';
        } else {
          // An HTML error page or a broken document: a failed fetch, retried later.
          await recordFetchProblem(trx, {
            moduleId: project.module_id,
            status: 'error',
            message: `Unusable release history: ${parsed.message}`,
            now: at,
            nextFetchAt: retryAt,
          });
          kind = 'failed';
          changed = !project.has_history && project.fetch_status !== 'error';
        }
      }
      if (changed) {
        summary.changed += 1;
        const result = await recomputeVerdicts(trx, { moduleIds: [project.module_id] });
        summary.verdicts_updated += result.updated;
        summary.new_security_findings += result.newSecurityFindings;
      }
      return kind;
    });
  }
}
