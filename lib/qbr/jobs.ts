import type { Db } from '@/db';
import { defineJob, type JobContext, type JobDefinition } from '@/lib/jobs';
import { connectWiseMode, connectWiseSource } from '@/lib/vendors/connectwise/source';
import { quickBooksMode, quickBooksSource } from '@/lib/vendors/quickbooks/source';
import { collectConnectWise, collectQuickBooks, computeQbrMetrics, runWindow } from './collect';

// The QBR jobs (job_runs ids: cw_…, qb_…, qm_…). Data may name `period`
// (YYYY-MM or YYYY-Qn) or `from`/`to` months; without them a run covers the
// current month and the two before. Each collector recomputes the quarters
// and SmartNumbers it touched, so the numbers are current after it;
// qbr-metrics does the same on demand and adds endpoint counts from
// inventory. Nightly, after business hours (SCHEDULE_TZ): the two
// collectors, then the metrics job, which adds the day's endpoint counts.

type CollectOutcome = { message: string; result: Record<string, unknown> };

/**
 * A QBR collector: resolve the vendor (live or simulated), collect the run's
 * months, and say which it was. At most one run at a time: two at once would
 * race on the vendor's tokens (QuickBooks rotates its refresh token).
 */
function collectorJob<C>(
  job: Pick<JobDefinition, 'name' | 'prefix' | 'label' | 'description' | 'schedule'>,
  vendor: string,
  source: (db: Db) => Promise<{ client: C; mode: string }>,
  collect: (db: Db, client: C, months: ReturnType<typeof runWindow>, progress: JobContext['progress']) => Promise<CollectOutcome>,
): JobDefinition {
  return defineJob({
    ...job,
    expireInSeconds: 30 * 60,
    singleton: true,
    run: async (ctx, data) => {
      const months = runWindow(data);
      const { client, mode } = await source(ctx.db);
      await ctx.progress(2, `Collecting from ${vendor} (${mode})`);
      const out = await collect(ctx.db, client, months, ctx.progress);
      return { message: `${out.message} (${mode})`, result: { ...out.result, mode } };
    },
  });
}

export const connectWiseCollectorJob = collectorJob(
  {
    name: 'connectwise-collector',
    prefix: 'cw',
    label: 'ConnectWise collector',
    description: 'Collects reactive tickets, hours, SLA figures and agreements from ConnectWise into monthly QBR metrics',
    schedule: '15 22 * * *',
  },
  'ConnectWise',
  connectWiseSource,
  collectConnectWise,
);

export const quickBooksCollectorJob = collectorJob(
  {
    name: 'quickbooks-collector',
    prefix: 'qb',
    label: 'QuickBooks collector',
    description: 'Collects revenue and expenses by month from QuickBooks (company and per client) into monthly QBR metrics',
    schedule: '30 22 * * *',
  },
  'QuickBooks',
  quickBooksSource,
  collectQuickBooks,
);

export const qbrMetricsJob = defineJob({
  name: 'qbr-metrics',
  prefix: 'qm',
  label: 'QBR metrics',
  description: 'Recomputes QBR totals, quarterly roll-ups and SmartNumbers (with endpoint counts from inventory)',
  schedule: '0 23 * * *',
  retryLimit: 1,
  retryDelaySeconds: 60,
  run: async (ctx, data) => computeQbrMetrics(ctx.db, runWindow(data), ctx.progress),
});

/**
 * The QBR jobs by the names POST /api/qbr/refresh and POST /api/collectors/run
 * give them, and where each one's data comes from (the metrics job reads
 * none of a vendor's).
 */
export const QBR_COLLECTORS = {
  connectwise: { job: connectWiseCollectorJob, sourceMode: connectWiseMode },
  quickbooks: { job: quickBooksCollectorJob, sourceMode: quickBooksMode },
  'qbr-metrics': { job: qbrMetricsJob, sourceMode: null },
} as const;
