import type { Db } from '@/db';
import { applyReportEntries, lockSiteForApply } from '@/db/queries/drupal/apply';
import { listPendingReports, listSitesWithPendingReports, markReportFailed, markReportProcessed } from '@/db/queries/drupal/module-reports';
import { queueReleaseFetches } from '@/db/queries/drupal/releases';
import { parseModuleReport } from './model/report-parsers';
import { recomputeVerdicts } from './verdicts';

// The worker side of ingestion. A site's pending reports are applied in the
// order they arrived, under a lock on the site row, each marked processed in
// the same transaction: a report applies once, whoever delivers its job and
// however often.

export type SiteApplyOutcome = {
  siteId: number;
  applied: number;
  failed: number;
  /** Projects never seen before whose release data should be fetched soon. */
  projectsToFetch: number[];
  newSecurityFindings: number;
};

export async function applyPendingReports(db: Db, siteId: number, opts: { skipLocked?: boolean } = {}): Promise<SiteApplyOutcome | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockSiteForApply(trx, siteId, opts))) return null;

    const reports = await listPendingReports(trx, siteId);
    const outcome: SiteApplyOutcome = { siteId, applied: 0, failed: 0, projectsToFetch: [], newSecurityFindings: 0 };
    const checkable = new Set<string>();
    for (const report of reports) {
      const parsed = parseModuleReport(report.payload);
      if (!parsed.ok) {
        // Accepted reports were valid when they came in; this only guards against parser changes.
        await markReportFailed(trx, report.id, parsed.error.message);
        outcome.failed += 1;
        continue;
      }
      const counts = await applyReportEntries(trx, { siteId, reportId: report.id, at: report.received_at, entries: parsed.entries });
      for (const entry of parsed.entries) if (entry.type !== 'custom') checkable.add(entry.project);
      await markReportProcessed(trx, report.id, counts);
      outcome.applied += 1;
    }
    // Custom code is never looked up on drupal.org.
    if (checkable.size > 0) outcome.projectsToFetch = await queueReleaseFetches(trx, [...checkable]);
    if (outcome.applied > 0) {
      outcome.newSecurityFindings = (await recomputeVerdicts(trx, { siteIds: [siteId] })).newSecurityFindings;
    }
    return outcome;
  });
}

/**
 * Applies pending reports of every site (oldest first) until none are left
 * or the time budget is spent. Sites another worker holds are skipped; that
 * worker applies their reports.
 */
export async function drainPendingReports(db: Db, budgetMs: number): Promise<SiteApplyOutcome[]> {
  const until = Date.now() + budgetMs;
  const outcomes: SiteApplyOutcome[] = [];
  const skipped = new Set<number>();
  while (Date.now() < until) {
    const pending = await listSitesWithPendingReports(db, { except: [...skipped], limit: 50 });
    if (pending.length === 0) break;
    for (const siteId of pending) {
      if (Date.now() >= until) break;
      const outcome = await applyPendingReports(db, siteId, { skipLocked: true });
      if (outcome === null) skipped.add(siteId);
      else outcomes.push(outcome);
    }
  }
  return outcomes;
}
