import type { JobDefinition } from '@/lib/jobs/registry';
import { applyPendingReports, drainPendingReports, type SiteApplyOutcome } from './apply-reports';
import { DRUPAL_JOBS } from './job-names';
import { sendFindingNotifications, type Cadence } from './notifications';
import { releaseHistorySource } from '@/lib/vendors/drupal/source';
import { syncReleaseHistories } from './release-sync';

// The Drupal domain's jobs. Queue names live in job-names.ts. The queue is
// imported lazily: lib/jobs/registry imports this file, and the queue imports the registry.

async function enqueue(name: string, data: Record<string, unknown>) {
  const queue = await import('@/lib/jobs/queue');
  return queue.enqueue(name, data);
}

const DRAIN_BUDGET_MS = 20_000;

/** Follow-up work after reports were applied: fetch new projects' release data, mail new security findings. */
async function followUp(outcomes: SiteApplyOutcome[]): Promise<void> {
  const projects = [...new Set(outcomes.flatMap((o) => o.projectsToFetch))];
  if (projects.length > 0) await enqueue(DRUPAL_JOBS.releaseSync, { module_ids: projects });
  if (outcomes.some((o) => o.newSecurityFindings > 0)) await enqueue(DRUPAL_JOBS.notify, {});
}

function notificationJob(name: string, prefix: string, cadence: Cadence, description: string): JobDefinition {
  return {
    name,
    prefix,
    description,
    retryLimit: 3,
    retryDelaySeconds: 300,
    expireInSeconds: 15 * 60,
    run: async (ctx) => {
      const { mails, findings } = await sendFindingNotifications(ctx.db, cadence);
      return { message: `${mails} e-mail(s) about ${findings} finding(s)`, result: { mails, findings } };
    },
  };
}

export const drupalJobs: Record<string, JobDefinition> = {
  [DRUPAL_JOBS.applyReports]: {
    name: DRUPAL_JOBS.applyReports,
    prefix: 'dr',
    description: 'Applies the module reports Drupal sites sent, in order per site, and recomputes their verdicts',
    retryLimit: 5,
    retryDelaySeconds: 10,
    expireInSeconds: 10 * 60,
    run: async (ctx, data) => {
      const outcomes: SiteApplyOutcome[] = [];
      const siteId = typeof data.site_id === 'number' ? data.site_id : null;
      // Its own site first, waiting for another worker if need be, so no report is left behind.
      if (siteId !== null) {
        const own = await applyPendingReports(ctx.db, siteId);
        if (own) outcomes.push(own);
      }
      // Then whatever else is waiting: under a burst, one delivery serves many sites.
      outcomes.push(...(await drainPendingReports(ctx.db, DRAIN_BUDGET_MS)));
      await followUp(outcomes);
      const applied = outcomes.reduce((n, o) => n + o.applied, 0);
      const sites = outcomes.filter((o) => o.applied > 0).length;
      return { message: `Applied ${applied} report(s) for ${sites} site(s)`, result: { applied, sites } };
    },
  },
  [DRUPAL_JOBS.releaseSync]: {
    name: DRUPAL_JOBS.releaseSync,
    prefix: 'ds',
    description: 'Fetches drupal.org release histories (new projects, failed ones when due, all daily) and recomputes verdicts',
    retryLimit: 3,
    retryDelaySeconds: 120,
    expireInSeconds: 60 * 60,
    run: async (ctx, data) => {
      const moduleIds = Array.isArray(data.module_ids) ? data.module_ids.filter((id): id is number => Number.isInteger(id)) : undefined;
      const source = await releaseHistorySource(ctx.db);
      const summary = await syncReleaseHistories(ctx.db, {
        baseUrl: source.url,
        moduleIds,
        onProgress: (done, total) => ctx.progress((done / total) * 100, `${done} of ${total} projects`),
      });
      const message =
        `${summary.projects} project(s) from ${source.mode === 'simulated' ? 'the simulator' : source.url}: ` +
        `${summary.fetched} fetched, ${summary.not_modified} unchanged, ${summary.not_found} unknown, ${summary.failed} failed; ` +
        `${summary.verdicts_updated} verdict(s) updated`;
      if (summary.new_security_findings > 0) await enqueue(DRUPAL_JOBS.notify, {});
      return { message, result: summary };
    },
  },
  [DRUPAL_JOBS.notify]: notificationJob(DRUPAL_JOBS.notify, 'dn', 'immediate', 'E-mails new security findings to users who asked for immediate mail'),
  [DRUPAL_JOBS.digestDaily]: notificationJob(DRUPAL_JOBS.digestDaily, 'dd', 'daily', 'E-mails the daily digest of new Drupal update findings'),
  [DRUPAL_JOBS.digestWeekly]: notificationJob(DRUPAL_JOBS.digestWeekly, 'dw', 'weekly', 'E-mails the weekly digest of new Drupal update findings'),
};
