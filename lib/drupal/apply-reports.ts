import type { Db } from '@/db';
import {
  ensureModules,
  ensureVersions,
  extendHistoryRuns,
  insertHistoryRuns,
  listSiteModulesOf,
  lockSitesForApply,
  markSiteModulesRemoved,
  upsertSiteModules,
  type AppliedSiteModule,
  type ApplyCounts,
} from '@/db/queries/drupal/apply';
import { clearApplyRequests, listPendingReports, listSitesWithPendingReports, markReportFailed, markReportsProcessed } from '@/db/queries/drupal/module-reports';
import { queueReleaseFetches } from '@/db/queries/drupal/releases';
import { lockReleaseStamps } from '@/db/queries/drupal/verdicts';
import { CORE_PROJECT, parseModuleReport, type ReportEntry } from './model/report-parsers';
import { judge } from './verdicts';

// The worker side of ingestion. The pending reports of a batch of sites are
// applied together, set-based, in one transaction with the sites locked:
// round by round, each round taking the next report of every site, so the
// reports of one site apply in the order they arrived. Each report is marked
// processed in the same transaction, so a report applies once, whoever
// delivers its job and however often. Verdicts are judged as the rows are
// written, with the release data stored at that moment (see lockReleaseStamps).

export type ApplyOutcome = {
  /** The sites whose reports this call applied (locked, and with pending reports or not). */
  sites: number[];
  applied: number;
  failed: number;
  /** Projects never seen before whose release data should be fetched soon. */
  projectsToFetch: number[];
  newSecurityFindings: number;
};

type SiteState = Map<number, { current_version: string | null; removed_at: Date | null; security_update: boolean }>;
type ParsedReport = { id: number; site_id: number; received_at: Date; entries: ReportEntry[] };

const noOutcome = (): ApplyOutcome => ({ sites: [], applied: 0, failed: 0, projectsToFetch: [], newSecurityFindings: 0 });

/**
 * Applies the pending reports of these sites in one transaction. Waits for
 * sites another worker holds, or (skipLocked) leaves them to that worker.
 */
export async function applySitesReports(db: Db, siteIds: readonly number[], opts: { skipLocked?: boolean } = {}): Promise<ApplyOutcome> {
  if (siteIds.length === 0) return noOutcome();
  return db.transaction().execute(async (trx) => {
    const sites = await lockSitesForApply(trx, [...siteIds], opts);
    const outcome = { ...noOutcome(), sites };
    if (sites.length === 0) return outcome;

    const reports: ParsedReport[] = [];
    for (const report of await listPendingReports(trx, sites)) {
      const parsed = parseModuleReport(report.payload);
      if (!parsed.ok) {
        // Accepted reports were valid when they came in; this only guards against parser changes.
        await markReportFailed(trx, report.id, parsed.error.message);
        outcome.failed += 1;
        continue;
      }
      reports.push({ id: report.id, site_id: report.site_id, received_at: report.received_at, entries: parsed.entries });
    }
    if (reports.length === 0) return outcome;

    const { ids, created } = await ensureModules(
      trx,
      reports.flatMap((r) => r.entries.map((e) => e.project)),
    );
    const moduleOf = (entry: ReportEntry) => ids.get(entry.project)!;
    const versionIds = await ensureVersions(
      trx,
      reports.flatMap((r) => r.entries.flatMap((e) => (e.version === null ? [] : [{ module_id: moduleOf(e), version: e.version }]))),
    );

    const states = new Map<number, SiteState>(sites.map((id) => [id, new Map()]));
    for (const row of await listSiteModulesOf(trx, sites)) states.get(row.site_id)!.set(row.module_id, row);
    // Every project whose rows this transaction writes: what the reports list, and what they drop.
    const touched = new Set(reports.flatMap((r) => r.entries.map(moduleOf)));
    for (const state of states.values()) for (const [moduleId, row] of state) if (row.removed_at === null) touched.add(moduleId);
    const stamps = await lockReleaseStamps(trx, [...touched]);

    // A new project counts as new for the first report that names it.
    const createdBy = new Map<number, number>();
    const isCreated = new Set(created);
    for (const report of reports) {
      for (const entry of report.entries) if (isCreated.has(moduleOf(entry)) && !createdBy.has(moduleOf(entry))) createdBy.set(moduleOf(entry), report.id);
    }

    const results: { id: number; result: ApplyCounts }[] = [];
    for (const round of rounds(reports)) {
      const applied: AppliedSiteModule[] = [];
      const moved: { site_id: number; module_id: number; version: string | null; previous_version: string | null; at: Date; report_id: number }[] = [];
      const still: { site_id: number; module_id: number; at: Date }[] = [];
      const removed: { site_id: number; module_id: number; at: Date }[] = [];
      const previousSecurity: boolean[] = [];
      const coreOf = new Map(round.map((r) => [r.site_id, r.entries.find((e) => e.project === CORE_PROJECT)?.version ?? null]));
      for (const report of round) {
        const state = states.get(report.site_id)!;
        const counts: ApplyCounts = { added: 0, changed: 0, unchanged: 0, removed: 0, new_modules: [] };
        const reported = new Set<number>();
        for (const entry of report.entries) {
          const moduleId = moduleOf(entry);
          reported.add(moduleId);
          const previous = state.get(moduleId);
          const isNew = previous === undefined || previous.removed_at !== null;
          const at = report.received_at;
          applied.push({
            site_id: report.site_id,
            module_id: moduleId,
            version: entry.version,
            version_id: entry.version === null ? null : (versionIds.get(`${moduleId}\u0000${entry.version}`) ?? null),
            type: entry.type,
            enabled: entry.enabled,
            extensions: entry.extensions,
            at,
            verdict: -1,
          });
          previousSecurity.push(previous?.security_update ?? false);
          if (isNew || previous.current_version !== entry.version) {
            moved.push({ site_id: report.site_id, module_id: moduleId, version: entry.version, previous_version: previous?.current_version ?? null, at, report_id: report.id });
            counts[isNew ? 'added' : 'changed'] += 1;
          } else {
            still.push({ site_id: report.site_id, module_id: moduleId, at });
            counts.unchanged += 1;
          }
          if (createdBy.get(moduleId) === report.id) counts.new_modules.push(moduleId);
        }
        for (const [moduleId, row] of state) {
          if (row.removed_at !== null || reported.has(moduleId)) continue;
          removed.push({ site_id: report.site_id, module_id: moduleId, at: report.received_at });
          counts.removed += 1;
        }
        results.push({ id: report.id, result: counts });
      }

      const { verdicts, index } = await judge(
        trx,
        applied.map((row) => ({
          module_id: row.module_id,
          version: row.version,
          type: row.type,
          core_version: coreOf.get(row.site_id) ?? null,
        })),
        stamps,
      );
      applied.forEach((row, i) => {
        row.verdict = index[i]!;
        if (verdicts[row.verdict]!.security_update && !previousSecurity[i]) outcome.newSecurityFindings += 1;
      });
      await upsertSiteModules(trx, applied, verdicts);
      await insertHistoryRuns(trx, moved);
      await extendHistoryRuns(trx, still);
      await markSiteModulesRemoved(trx, removed);

      // What the next round of the same sites starts from.
      for (const [i, row] of applied.entries()) {
        states.get(row.site_id)!.set(row.module_id, { current_version: row.version, removed_at: null, security_update: verdicts[index[i]!]!.security_update });
      }
      for (const row of removed) states.get(row.site_id)!.get(row.module_id)!.removed_at = row.at;
    }
    await markReportsProcessed(trx, results);
    outcome.applied = results.length;

    // Custom code is never looked up on drupal.org.
    const checkable = new Set(reports.flatMap((r) => r.entries.filter((e) => e.type !== 'custom').map((e) => e.project)));
    if (checkable.size > 0) outcome.projectsToFetch = await queueReleaseFetches(trx, [...checkable]);
    return outcome;
  });
}

/** Reports grouped so that each group holds at most one report per site, in arrival order. */
function rounds(reports: readonly ParsedReport[]): ParsedReport[][] {
  const out: ParsedReport[][] = [];
  const seen = new Map<number, number>();
  for (const report of reports) {
    const n = seen.get(report.site_id) ?? 0;
    seen.set(report.site_id, n + 1);
    (out[n] ??= []).push(report);
  }
  return out;
}

/** Applies one site's pending reports (waiting for another worker that holds it, unless skipLocked). */
export async function applyPendingReports(db: Db, siteId: number, opts: { skipLocked?: boolean } = {}): Promise<ApplyOutcome | null> {
  const outcome = await applySitesReports(db, [siteId], opts);
  return outcome.sites.length === 0 ? null : outcome;
}

/** Sites per transaction when the worker takes a batch of sites. */
export const SITES_PER_APPLY = 50;

/**
 * Applies the pending reports of the sites whose apply jobs were delivered:
 * their requests are taken first (a report stored after this queues a new
 * job), then their reports are applied, SITES_PER_APPLY sites per transaction.
 */
export async function applyRequestedSites(db: Db, siteIds: readonly number[]): Promise<ApplyOutcome[]> {
  const unique = [...new Set(siteIds)].sort((a, b) => a - b);
  const outcomes: ApplyOutcome[] = [];
  for (let i = 0; i < unique.length; i += SITES_PER_APPLY) {
    const chunk = unique.slice(i, i + SITES_PER_APPLY);
    await clearApplyRequests(db, chunk);
    outcomes.push(await applySitesReports(db, chunk));
  }
  return outcomes;
}

/**
 * Applies pending reports of every site (oldest first) until none are left
 * or the time budget is spent. Sites another worker holds are skipped; that
 * worker applies their reports.
 */
export async function drainPendingReports(db: Db, budgetMs: number): Promise<ApplyOutcome[]> {
  const until = Date.now() + budgetMs;
  const outcomes: ApplyOutcome[] = [];
  const skipped = new Set<number>();
  while (Date.now() < until) {
    const pending = await listSitesWithPendingReports(db, { except: [...skipped], limit: SITES_PER_APPLY });
    if (pending.length === 0) break;
    await clearApplyRequests(db, pending);
    const outcome = await applySitesReports(db, pending, { skipLocked: true });
    for (const siteId of pending) if (!outcome.sites.includes(siteId)) skipped.add(siteId);
    outcomes.push(outcome);
  }
  return outcomes;
}
