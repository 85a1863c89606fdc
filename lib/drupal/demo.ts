import type { Db } from '@/db';
import { insertModuleReport } from '@/db/queries/drupal/module-reports';
import { listLiveSites } from '@/db/queries/drupal/sites';
import { readSetting, writeSetting } from '@/db/queries/settings';
import { logger } from '@/lib/core/logger';
import { queueRun } from '@/lib/jobs';
import { applyPendingReports } from './apply-reports';
import { demoSiteReports } from '@/lib/vendors/drupal/source';
import { createPatchRun } from './patch-runs';
import { countEntries } from './ingest';
import { releaseSyncJob } from './jobs';
import { parseModuleReport } from './model/report-parsers';
import { releaseHistorySource } from '@/lib/vendors/drupal/source';
import { syncReleaseHistories } from './release-sync';

// Demo data for the Drupal pages: the demo sites' reports (a few weeks of
// history), release data from the built-in simulator, and patch runs taken
// from the history, so that every Drupal page has data on the first visit.
// Runs once per database.

const SETTING = 'drupal-demo';
const DAY = 86_400_000;

export async function seedDrupalDemo(db: Db, now: Date = new Date()): Promise<boolean> {
  if (await readSetting(db, SETTING)) return false;
  const sites = await listLiveSites(db);
  const seeded: { id: number; organization_id: number; reportDates: Date[] }[] = [];
  for (const demo of demoSiteReports()) {
    const site = sites.find((s) => s.url === demo.url);
    if (!site) continue;
    const reportDates: Date[] = [];
    for (const { daysAgo, report } of demo.reports) {
      const parsed = parseModuleReport(report);
      if (!parsed.ok) continue;
      const receivedAt = new Date(now.getTime() - daysAgo * DAY);
      reportDates.push(receivedAt);
      await insertModuleReport(db, {
        site_id: site.id,
        organization_id: site.organization_id,
        format: parsed.format,
        payload: JSON.stringify(report),
        payload_sha256: 'demo',
        size_bytes: JSON.stringify(report).length,
        entry_count: countEntries(parsed.entries).projects,
        warnings: JSON.stringify(parsed.warnings),
        received_by: 'demo',
        received_at: receivedAt,
      });
    }
    await applyPendingReports(db, site.id);
    seeded.push({ id: site.id, organization_id: site.organization_id, reportDates });
  }
  await writeSetting(db, SETTING, { seeded_at: now.toISOString() });

  const source = await releaseHistorySource(db);
  if (source.mode === 'simulated') {
    // The simulator answers on loopback in well under a second.
    await syncReleaseHistories(db, { baseUrl: source.url });
  } else {
    await queueRun(db, releaseSyncJob, {});
  }
  for (const site of seeded) {
    for (const reportDate of site.reportDates.slice(1)) {
      await createPatchRun(
        db,
        { actor: null, requestId: null, ip: null },
        site,
        { run_date: new Date(Math.min(reportDate.getTime() + 60 * 60 * 1000, now.getTime())).toISOString(), notes: 'Maintenance window' },
      );
    }
  }
  logger.info({ sites: seeded.length, release_source: source.mode }, 'drupal demo data seeded');
  return true;
}
