import { defineJob, type JobDefinition, type NextRun } from '@/lib/jobs';
import { applyRequestedSites, drainPendingReports, SITES_PER_APPLY, type ApplyOutcome } from './apply-reports';
import { sendFindingNotifications, type Cadence } from './notifications';
import { releaseHistorySource } from '@/lib/vendors/drupal/source';
import { syncReleaseHistories } from './release-sync';

// The Drupal domain's jobs. Release data: hourly, fetching only what is due
// (new projects, failed ones after their backoff, and every project once a
// day). Reports left pending (a lost delivery) are swept every 15 minutes.
// Security mail goes out as findings appear, with an hourly catch-up;
// digests in the morning. A job that finds work for another queues it when
// it completes (`next`).

const DRAIN_BUDGET_MS = 20_000;

function notificationJob(job: Pick<JobDefinition, 'name' | 'prefix' | 'label' | 'description' | 'schedule'>, cadence: Cadence): JobDefinition {
  return defineJob({
    ...job,
    retryLimit: 3,
    run: async (ctx) => {
      const { mails, findings } = await sendFindingNotifications(ctx.db, cadence);
      return { message: `${mails} e-mail(s) about ${findings} finding(s)`, result: { mails, findings } };
    },
  });
}

export const notifyJob = notificationJob(
  { name: 'drupal-notify', prefix: 'dn', label: 'Security mail', description: 'E-mails new security findings to users who asked for immediate mail', schedule: '20 * * * *' },
  'immediate',
);
export const digestDailyJob = notificationJob(
  { name: 'drupal-digest-daily', prefix: 'dd', label: 'Daily digest', description: 'E-mails the daily digest of new Drupal update findings', schedule: '0 7 * * *' },
  'daily',
);
export const digestWeeklyJob = notificationJob(
  { name: 'drupal-digest-weekly', prefix: 'dw', label: 'Weekly digest', description: 'E-mails the weekly digest of new Drupal update findings', schedule: '0 7 * * 1' },
  'weekly',
);

export const releaseSyncJob = defineJob({
  name: 'drupal-release-sync',
  prefix: 'ds',
  label: 'Drupal release data',
  description: 'Fetches drupal.org release histories (new projects, failed ones when due, all daily) and recomputes verdicts',
  schedule: '7 * * * *',
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
    return { message, result: summary, next: summary.new_security_findings > 0 ? [{ job: notifyJob }] : [] };
  },
});

/** Follow-up work after reports were applied: fetch new projects' release data, mail new security findings. */
function afterApplying(outcomes: ApplyOutcome[]): NextRun[] {
  const projects = [...new Set(outcomes.flatMap((o) => o.projectsToFetch))];
  return [
    ...(projects.length > 0 ? [{ job: releaseSyncJob, data: { module_ids: projects } }] : []),
    ...(outcomes.some((o) => o.newSecurityFindings > 0) ? [{ job: notifyJob }] : []),
  ];
}

/** The sites a batch of deliveries names (queueDeliveries: `{ batch: [{ site_id }, …] }`; older jobs: `{ site_id }`). */
function sitesOf(data: Record<string, unknown>): number[] {
  const items = Array.isArray(data.batch) ? (data.batch as unknown[]) : [data];
  return items.flatMap((item) => {
    const siteId = (item as { site_id?: unknown } | null)?.site_id;
    return typeof siteId === 'number' && Number.isInteger(siteId) ? [siteId] : [];
  });
}

export const applyReportsJob = defineJob({
  name: 'drupal-apply-reports',
  prefix: 'dr',
  label: 'Module reports',
  description: 'Applies the module reports Drupal sites sent, in order per site, and computes their verdicts',
  schedule: '*/15 * * * *',
  retryLimit: 5,
  retryDelaySeconds: 10,
  expireInSeconds: 10 * 60,
  // One delivery per site with reports waiting; a worker applies up to this many sites at once.
  batchSize: SITES_PER_APPLY,
  run: async (ctx, data) => {
    const siteIds = sitesOf(data);
    // The sites delivered, waiting for another worker if need be, so no report is left behind;
    // without sites (the schedule, a person): whatever is waiting, as a sweep.
    const outcomes = siteIds.length > 0 ? await applyRequestedSites(ctx.db, siteIds) : await drainPendingReports(ctx.db, DRAIN_BUDGET_MS);
    const applied = outcomes.reduce((n, o) => n + o.applied, 0);
    const sites = new Set(outcomes.flatMap((o) => o.sites)).size;
    return { message: `Applied ${applied} report(s) for ${sites} site(s)`, result: { applied, sites }, next: afterApplying(outcomes) };
  },
});
