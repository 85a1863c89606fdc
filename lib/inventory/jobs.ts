import type { Db } from '@/db';
import { getBatch, getBatchRuns, getRuns, isOpen, runDto } from '@/db/queries/inventory/runs';
import { env } from '@/lib/core/env';
import type { JobContext, JobDefinition } from '@/lib/jobs/registry';
import { JobCancelledError } from '@/lib/jobs/runs';
import { NINJAONE_UNCONFIGURED, ninjaOneSource } from '@/lib/vendors/ninjaone/source';
import { THREATLOCKER_UNCONFIGURED, threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { checkCallbackUrl, sendSignedCallback } from './callback';
import { collectNinjaOne, collectThreatLocker, describeCollection } from './collect';
import { runCrossVendorChecks } from './cross-vendor';
import { CROSS_VENDOR_JOB, isIsoDate, VENDORS } from './vendors';

// The inventory's jobs. Collectors and checks are singletons: a scheduled run
// that finds another run of the same job in progress steps aside.

export const BATCH_CALLBACK_JOB = 'inventory-batch-callback';
const POLL_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function snapshotDateOf(data: Record<string, unknown>): string | undefined {
  const value = data.snapshot_date;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isIsoDate(value)) throw new Error(`snapshot_date must be a date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  return value;
}

/** Another open run of the same job, other than this one. */
async function otherOpenRun(db: Db, jobName: string, runId: string) {
  return db
    .selectFrom('job_runs')
    .select('job_id')
    .where('job_name', '=', jobName)
    .where('status', '=', 'running')
    .where('job_id', '!=', runId)
    .executeTakeFirst();
}

function collectorJob(vendor: (typeof VENDORS)['ninja'] | (typeof VENDORS)['threatlocker']): JobDefinition {
  return {
    name: vendor.jobName,
    prefix: vendor.prefix,
    description: `Collects the ${vendor.label} device inventory into today's snapshot`,
    retryLimit: 2,
    retryDelaySeconds: 300,
    expireInSeconds: 60 * 60,
    singleton: true,
    run: async (ctx: JobContext, data) => {
      const other = await otherOpenRun(ctx.db, vendor.jobName, ctx.runId);
      if (other) return { message: `Skipped: ${vendor.jobName} is already running as ${other.job_id}` };
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
  };
}

/** Waits for the collector runs a check depends on; false when none of them completed. */
async function waitForRuns(ctx: JobContext, jobIds: readonly string[], timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await getRuns(ctx.db, jobIds);
    const open = runs.filter((r) => isOpen(r.status));
    if (open.length === 0) return runs.length === 0 || runs.some((r) => r.status === 'completed');
    if (Date.now() > until) throw new Error(`Gave up waiting for ${open.map((r) => r.job_id).join(', ')}`);
    await ctx.progress(1, `Waiting for ${open.map((r) => r.job_name).join(' and ')}`);
    await sleep(POLL_MS);
  }
}

const crossVendorJob: JobDefinition = {
  name: CROSS_VENDOR_JOB.jobName,
  prefix: CROSS_VENDOR_JOB.prefix,
  description: 'Compares the latest NinjaOne and ThreatLocker snapshots and updates the exceptions',
  retryLimit: 1,
  retryDelaySeconds: 120,
  expireInSeconds: 2 * 60 * 60,
  run: async (ctx, data) => {
    const after = Array.isArray(data.after) ? data.after.filter((v): v is string => typeof v === 'string') : [];
    if (after.length > 0 && !(await waitForRuns(ctx, after, 110 * 60 * 1000))) {
      // The original skipped the checks when no collector succeeded; comparing stale data says nothing new.
      throw new JobCancelledError();
    }
    const other = await otherOpenRun(ctx.db, CROSS_VENDOR_JOB.jobName, ctx.runId);
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
};

/** The body a batch's callback receives. */
export async function batchPayload(db: Db, batchId: string) {
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

const batchCallbackJob: JobDefinition = {
  name: BATCH_CALLBACK_JOB,
  prefix: 'cb',
  description: 'Sends the signed webhook of a collector batch once it has finished',
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 3 * 60 * 60,
  run: async (ctx, data) => {
    const batchId = String(data.batch_id ?? '');
    const secret = env().WEBHOOK_SECRET;
    if (!secret) throw new Error('WEBHOOK_SECRET is not set; the callback cannot be signed');
    const allowPrivate = env().NODE_ENV === 'test';
    const url = checkCallbackUrl(String(data.url ?? ''), { allowPrivate });
    const until = Date.now() + 170 * 60 * 1000;
    for (;;) {
      const batch = await getBatch(ctx.db, batchId);
      if (!batch) throw new Error(`Batch ${batchId} does not exist`);
      if (!isOpen(batch.status)) break;
      if (Date.now() > until) throw new Error(`Batch ${batchId} did not finish in time`);
      await ctx.progress(1, `Waiting for batch ${batchId}`);
      await sleep(POLL_MS);
    }
    const status = await sendSignedCallback(url, await batchPayload(ctx.db, batchId), { secret, allowPrivate });
    return { message: `Callback for ${batchId} delivered to ${url.host} (${status})` };
  },
};

export const inventoryJobs: Record<string, JobDefinition> = {
  [VENDORS.ninja.jobName]: collectorJob(VENDORS.ninja),
  [VENDORS.threatlocker.jobName]: collectorJob(VENDORS.threatlocker),
  [CROSS_VENDOR_JOB.jobName]: crossVendorJob,
  [BATCH_CALLBACK_JOB]: batchCallbackJob,
};
