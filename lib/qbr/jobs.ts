import type { JobDefinition } from '@/lib/jobs/registry';
import { connectWiseSource } from '@/lib/vendors/connectwise/source';
import { quickBooksSource } from '@/lib/vendors/quickbooks/source';
import { collectConnectWise, collectQuickBooks, computeQbrMetrics, runWindow } from './collect';
import { QBR_JOBS } from './job-names';

// The QBR jobs. Data may name `period` (YYYY-MM or YYYY-Qn) or `from`/`to`
// months; without them a run covers the current month and the two before.
// Each collector recomputes the quarters and SmartNumbers it touched, so
// the numbers are current after it; qbr-metrics does the same on demand and
// adds endpoint counts from inventory.

export const qbrJobs: Record<string, JobDefinition> = {
  [QBR_JOBS.connectwise.name]: {
    ...QBR_JOBS.connectwise,
    description: 'Collects reactive tickets, hours, SLA figures and agreements from ConnectWise into monthly QBR metrics',
    retryLimit: 2,
    retryDelaySeconds: 300,
    expireInSeconds: 30 * 60,
    singleton: true,
    run: async (ctx, data) => {
      const months = runWindow(data);
      const source = await connectWiseSource(ctx.db);
      await ctx.progress(2, `Collecting from ConnectWise (${source.mode})`);
      const out = await collectConnectWise(ctx.db, source.client, months, ctx.progress);
      return { message: `${out.message} (${source.mode})`, result: { ...out.result, mode: source.mode } };
    },
  },
  [QBR_JOBS.quickbooks.name]: {
    ...QBR_JOBS.quickbooks,
    description: 'Collects revenue and expenses by month from QuickBooks (company and per client) into monthly QBR metrics',
    retryLimit: 2,
    retryDelaySeconds: 300,
    expireInSeconds: 30 * 60,
    // Two runs at once would race on the rotating refresh token.
    singleton: true,
    run: async (ctx, data) => {
      const months = runWindow(data);
      const source = await quickBooksSource(ctx.db);
      await ctx.progress(2, `Collecting from QuickBooks (${source.mode})`);
      const out = await collectQuickBooks(ctx.db, source.client, months, ctx.progress);
      return { message: `${out.message} (${source.mode})`, result: { ...out.result, mode: source.mode } };
    },
  },
  [QBR_JOBS.metrics.name]: {
    ...QBR_JOBS.metrics,
    description: 'Recomputes QBR totals, quarterly roll-ups and SmartNumbers (with endpoint counts from inventory)',
    retryLimit: 1,
    retryDelaySeconds: 60,
    expireInSeconds: 15 * 60,
    run: async (ctx, data) => computeQbrMetrics(ctx.db, runWindow(data), ctx.progress),
  },
};
