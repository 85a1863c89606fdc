import type { JobDefinition } from '@/lib/jobs/registry';
import { CROSS_VENDOR_JOB, VENDORS } from './vendors';
import { runWindows11Assessment, waitForCollectors } from './windows11/assessment';

// The Windows 11 24H2 assessment as a job: scheduled after the cross-vendor
// checks, and on demand (windows11-trigger.ts). The registry imports this
// file, so it must not import the queue or the registry back.

export const WINDOWS11_JOB = { jobName: 'windows11-assessment', prefix: 'w24' } as const;
const UPSTREAM = [VENDORS.ninja.jobName, VENDORS.threatlocker.jobName, CROSS_VENDOR_JOB.jobName];

const windows11Job: JobDefinition = {
  name: WINDOWS11_JOB.jobName,
  prefix: WINDOWS11_JOB.prefix,
  description: 'Assesses the latest NinjaOne snapshot for Windows 11 24H2 readiness',
  retryLimit: 2,
  retryDelaySeconds: 300,
  expireInSeconds: 30 * 60,
  run: async (ctx) => {
    // A run that starts while a collection is under way would read yesterday's snapshot.
    await waitForCollectors(ctx.db, UPSTREAM, {
      timeoutMs: 60 * 60 * 1000,
      onWait: (names) => ctx.progress(2, `Waiting for ${names.join(' and ')}`),
    });
    await ctx.progress(5, 'Reading the latest NinjaOne snapshot');
    const result = await runWindows11Assessment(ctx.db, { progress: ctx.progress });
    if (!result.snapshot_date) return { message: 'No NinjaOne snapshot yet: nothing to assess', result };
    const c = result.counts;
    return {
      message: `Assessed ${result.assessed} devices of ${result.snapshot_date}: ${c.compatible} compatible, ${c.remediable} remediable, ${c.incompatible} incompatible, ${c.unknown} need review, ${c.excluded} excluded`,
      result,
    };
  },
};

export const windows11Jobs: Record<string, JobDefinition> = { [WINDOWS11_JOB.jobName]: windows11Job };
