import type { Db } from '@/db';
import { getBatch, getBatchRuns, getRuns, isOpen, runDto } from '@/db/queries/inventory/runs';
import { otherRunningRun } from '@/db/queries/jobs';
import { env } from '@/lib/core/env';
import { defineJob, JobCancelledError, type JobContext, type JobDefinition } from '@/lib/jobs';
import type { SourceMode } from '@/lib/vendors/source';
import { NINJAONE_UNCONFIGURED, ninjaOneSource } from '@/lib/vendors/ninjaone/source';
import { THREATLOCKER_UNCONFIGURED, threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { checkCallbackUrl, sendSignedCallback } from './callback';
import { collectNinjaOne, collectThreatLocker, describeCollection } from './collect';
import { runCrossVendorChecks } from './cross-vendor';
import { ninjaOneSourceMode, threatLockerSourceMode } from './source-modes';
import { isIsoDate, VENDORS } from './vendors';
import { windows11AssessmentJob } from './windows11-jobs';

// The inventory's jobs. Collectors and checks are singletons: a scheduled run
// that finds another run of the same job in progress steps aside. Run-id
// prefixes are the seed's (ni_xyz67890, tl_def45678); the schedules are the
// seed's times, the checks after both collectors have had time to finish.

function snapshotDateOf(data: Record<string, unknown>): string | undefined {
  const value = data.snapshot_date;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) throw new Error(`snapshot_date must be a date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  return value;
}

function collectorJob(
  vendor: (typeof VENDORS)['ninja'] | (typeof VENDORS)['threatlocker'],
  job: Pick<JobDefinition, 'name' | 'prefix' | 'schedule' | 'afterBatch'>,
): JobDefinition {
  return defineJob({
    ...job,
    label: `${vendor.label} collector`,
    description: `Collects the ${vendor.label} device inventory into today's snapshot`,
    expireInSeconds: 60 * 60,
    singleton: true,
    run: async (ctx: JobContext, data) => {
      const other = await otherRunningRun(ctx.db, job.name, ctx.runId);
      if (other) return { message: `Skipped: ${job.name} is already running as ${other.job_id}` };
      const snapshotDate = snapshotDateOf(data);
      const options = { snapshotDate, progress: ctx.progress };
      if (vendor.id === VENDORS.ninja.id) {
        const source = await ninjaOneSource(ctx.db);
        if (!source.client) throw new Error(NINJAONE_UNCONFIGURED);
        const result = await collectNinjaOne(ctx.db, source.client, options);
        return { message: describeCollection(result), result: { ...result, source: source.mode } };
      }
      const source = await threatLockerSource(ctx.db);
      if (!source.client) throw new Error(THREATLOCKER_UNCONFIGURED);
      const result = await collectThreatLocker(ctx.db, source.client, options);
      return { message: describeCollection(result), result: { ...result, source: source.mode } };
    },
  });
}

export const ninjaCollectorJob = collectorJob(VENDORS.ninja, {
  name: 'ninja-collector',
  prefix: 'ni',
  schedule: '10 2 * * *',
  // Seed 000: the Windows 11 24H2 assessment "runs after collectors complete".
  // It reads the NinjaOne snapshot, so it follows a batch whose NinjaOne
  // collection completed, even when another run of the batch failed; after a
  // failed NinjaOne collection there is no new snapshot to assess.
  afterBatch: () => [windows11AssessmentJob],
});

export const threatLockerCollectorJob = collectorJob(VENDORS.threatlocker, { name: 'threatlocker-collector', prefix: 'tl', schedule: '31 2 * * *' });

export const crossVendorJob = defineJob({
  name: 'cross-vendor',
  prefix: 'cv',
  label: 'Cross-vendor checks',
  description: 'Compares the latest NinjaOne and ThreatLocker snapshots and updates the exceptions',
  schedule: '0 3 * * *',
  retryLimit: 1,
  retryDelaySeconds: 120,
  expireInSeconds: 2 * 60 * 60,
  // A triggered run is queued when the collectors it follows (data.after) have ended.
  run: async (ctx, data) => {
    const after = Array.isArray(data.after) ? data.after.filter((v): v is string => typeof v === 'string') : [];
    if (after.length > 0) {
      const runs = await getRuns(ctx.db, after);
      // The original skipped the checks when no collector succeeded; comparing stale data says nothing new.
      if (runs.length > 0 && !runs.some((r) => r.status === 'completed')) throw new JobCancelledError();
    }
    const other = await otherRunningRun(ctx.db, crossVendorJob.name, ctx.runId);
    if (other && after.length === 0) return { message: `Skipped: the checks are already running as ${other.job_id}` };
    const checkDate = typeof data.check_date === 'string' && isIsoDate(data.check_date) ? data.check_date : undefined;
    const result = await runCrossVendorChecks(ctx.db, { checkDate, progress: ctx.progress });
    const summary = Object.entries(result.counts)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    return {
      message: `${result.total} exceptions for ${result.check_date} (${summary || 'none'}); ${result.new} new, ${result.reopened} reopened, ${result.auto_resolved} resolved`,
      result,
    };
  },
});

/** The collectors and the checks, in the seed's order. */
export const INVENTORY_JOBS: readonly JobDefinition[] = [ninjaCollectorJob, threatLockerCollectorJob, crossVendorJob];

/** A job a collector batch can run, and where its data comes from (null: from no vendor). */
export interface Collector {
  job: JobDefinition;
  sourceMode: ((db: Db) => Promise<SourceMode>) | null;
}

/** Collectors by the name POST /api/collectors/run gives them. */
export type CollectorCatalogue<Name extends string = string> = Readonly<Record<Name, Collector>>;

/** The inventory's collectors; a batch that runs one of them is followed by the cross-vendor checks. */
export const INVENTORY_COLLECTORS = {
  ninja: { job: ninjaCollectorJob, sourceMode: ninjaOneSourceMode },
  threatlocker: { job: threatLockerCollectorJob, sourceMode: threatLockerSourceMode },
} as const satisfies CollectorCatalogue;

/** The body a batch's callback receives. */
async function batchPayload(db: Db, batchId: string) {
  const batch = await getBatch(db, batchId);
  if (!batch) return null;
  const runs = await getBatchRuns(db, batchId);
  return {
    event: 'collector_batch.finished',
    batch_id: batch.batch_id,
    status: batch.status,
    message: batch.message,
    error: batch.error,
    started_at: batch.started_at?.toISOString() ?? null,
    ended_at: batch.ended_at?.toISOString() ?? null,
    collectors: runs.map(runDto),
  };
}

export const batchCallbackJob = defineJob({
  name: 'inventory-batch-callback',
  prefix: 'cb',
  label: 'Batch callback',
  description: 'Sends the signed webhook of a collector batch once it has finished',
  retryLimit: 3,
  retryDelaySeconds: 30,
  // Queued to start when the batch's runs have ended (control.ts).
  run: async (ctx, data) => {
    const batchId = String(data.batch_id ?? '');
    const secret = env().WEBHOOK_SECRET;
    if (!secret) throw new Error('WEBHOOK_SECRET is not set; the callback cannot be signed');
    const allowPrivate = env().NODE_ENV === 'test';
    const url = checkCallbackUrl(String(data.url ?? ''), { allowPrivate });
    const batch = await getBatch(ctx.db, batchId);
    if (!batch) throw new Error(`Batch ${batchId} does not exist`);
    const open = isOpen(batch.status) ? (await getBatchRuns(ctx.db, batchId)).filter((r) => isOpen(r.status)) : [];
    if (open.length > 0) ctx.waitFor(open.map((r) => r.job_id), `Waiting for batch ${batchId}`);
    const status = await sendSignedCallback(url, await batchPayload(ctx.db, batchId), { secret, allowPrivate });
    return { message: `Callback for ${batchId} delivered to ${url.host} (${status})` };
  },
});
