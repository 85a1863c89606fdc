import { openRuns } from '@/db/queries/inventory/runs';
import { defineJob } from '@/lib/jobs';
import { crossVendorJob, ninjaCollectorJob, threatLockerCollectorJob } from './jobs';
import { runWindows11Assessment } from './windows11/assessment';

// The Windows 11 24H2 assessment as a job: scheduled after the cross-vendor
// checks, queued after a batch whose NinjaOne collection completed (the
// collector's afterBatch), and on demand (windows11-trigger.ts).

export const windows11AssessmentJob = defineJob({
  name: 'windows11-assessment',
  prefix: 'w24',
  label: 'Windows 11 assessment',
  description: 'Assesses the latest NinjaOne snapshot for Windows 11 24H2 readiness',
  schedule: '30 3 * * *',
  expireInSeconds: 30 * 60,
  run: async (ctx) => {
    // A run that starts while a collection is under way would read yesterday's
    // snapshot: it waits for those runs, and the last of them to end queues it again.
    const upstream = [ninjaCollectorJob, threatLockerCollectorJob, crossVendorJob].map((j) => j.name);
    const open = await openRuns(ctx.db, upstream);
    if (open.length > 0) ctx.waitFor(open.map((r) => r.job_id), `Waiting for ${[...new Set(open.map((r) => r.job_name))].join(' and ')}`);
    await ctx.progress(5, 'Reading the latest NinjaOne snapshot');
    const result = await runWindows11Assessment(ctx.db, { progress: ctx.progress });
    if (!result.snapshot_date) return { message: 'No NinjaOne snapshot yet: nothing to assess', result };
    const c = result.counts;
    return {
      message: `Assessed ${result.assessed} devices of ${result.snapshot_date}: ${c.compatible} compatible, ${c.remediable} remediable, ${c.incompatible} incompatible, ${c.unknown} need review, ${c.excluded} excluded`,
      result,
    };
  },
});
