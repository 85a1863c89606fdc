import { sql } from 'kysely';
import type { Db } from '@/db';
import { applyReportEntries } from '@/db/queries/drupal/apply';
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
    // NO KEY UPDATE leaves new reports free to reference the site meanwhile.
    const locked = await sql<{ id: number }>`
      select id from sites where id = ${siteId}::int for no key update ${opts.skipLocked ? sql`skip locked` : sql``}`.execute(trx);
    if (locked.rows.length === 0) return null;

    const reports = await trx
      .selectFrom('module_reports')
      .select(['id', 'payload', 'received_at'])
      .where('site_id', '=', siteId)
      .where('status', '=', 'pending')
      .orderBy('id')
      .execute();
    const outcome: SiteApplyOutcome = { siteId, applied: 0, failed: 0, projectsToFetch: [], newSecurityFindings: 0 };
    const checkable = new Set<string>();
    for (const report of reports) {
      const parsed = parseModuleReport(report.payload);
      if (!parsed.ok) {
        // Accepted reports were valid when they came in; this only guards against parser changes.
        await trx
          .updateTable('module_reports')
          .set({ status: 'failed', processed_at: new Date(), error: parsed.error.message })
          .where('id', '=', report.id)
          .execute();
        outcome.failed += 1;
        continue;
      }
      const counts = await applyReportEntries(trx, { siteId, reportId: report.id, at: report.received_at, entries: parsed.entries });
      for (const entry of parsed.entries) if (entry.type !== 'custom') checkable.add(entry.project);
      await trx
        .updateTable('module_reports')
        .set({ status: 'processed', processed_at: new Date(), result: JSON.stringify(counts) })
        .where('id', '=', report.id)
        .execute();
      outcome.applied += 1;
    }
    if (checkable.size > 0) {
      // Custom code is never looked up on drupal.org.
      const queued = await sql<{ module_id: number }>`
        insert into module_release_caches (module_id)
        select id from modules where module_name in (select jsonb_array_elements_text(${JSON.stringify([...checkable])}::jsonb))
        on conflict (module_id) do nothing
        returning module_id`.execute(trx);
      outcome.projectsToFetch = queued.rows.map((r) => r.module_id);
    }
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
    const pending = await db
      .selectFrom('module_reports')
      .select('site_id')
      .where('status', '=', 'pending')
      .$if(skipped.size > 0, (q) => q.where('site_id', 'not in', [...skipped]))
      .groupBy('site_id')
      .orderBy(sql`min(id)`)
      .limit(50)
      .execute();
    if (pending.length === 0) break;
    for (const { site_id } of pending) {
      if (Date.now() >= until) break;
      const outcome = await applyPendingReports(db, site_id, { skipLocked: true });
      if (outcome === null) skipped.add(site_id);
      else outcomes.push(outcome);
    }
  }
  return outcomes;
}
