import { z } from 'zod';
import { recordAudit } from '@/lib/core/audit';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { queueRun } from '@/lib/jobs';
import { QBR_COLLECTORS } from './jobs';
import { anyPeriodParam } from './schemas';

// On-demand collection: queues the chosen QBR jobs with a job_runs row each,
// so the caller can follow them under Admin → Jobs.

const JOB_KEYS = Object.keys(QBR_COLLECTORS) as [keyof typeof QBR_COLLECTORS, ...(keyof typeof QBR_COLLECTORS)[]];

export const refreshBodySchema = z
  .strictObject({
    jobs: z.array(z.enum(JOB_KEYS)).min(1).max(3).default([...JOB_KEYS]),
    period: anyPeriodParam.optional(),
  })
  .default({ jobs: [...JOB_KEYS] });

export async function requestQbrRefresh(ctx: RequestContext, input: z.infer<typeof refreshBodySchema>) {
  authorize(ctx.actor, 'jobs:run');
  const runs: { job_name: string; job_id: string; status: string }[] = [];
  for (const key of [...new Set(input.jobs)]) {
    const { job } = QBR_COLLECTORS[key];
    // Without a period, a run already queued or running serves the request (as POST /api/collectors/run
    // does); a run for a period gets its own, which the collector's singleton queue runs in turn.
    const { run } = await queueRun(ctx.db, job, input.period ? { period: input.period.key } : {}, { exclusive: !input.period });
    runs.push({ job_name: job.name, job_id: run.job_id, status: run.status });
  }
  await recordAudit(ctx.db, ctx, { action: 'qbr.refresh', entityType: 'job_runs', data: { runs, period: input.period?.key ?? null } });
  return { runs };
}
