import type { Db } from '@/db';
import { z } from 'zod';
import { getBatch, getBatchRuns, getRuns, isOpen, type RunRow } from '@/db/queries/inventory/runs';
import type { JobStatus } from '@/db/types';
import { authorize, actorLabel } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { cancelBatch, queueBatch, queueRun, refreshBatch } from '@/lib/jobs';
import { CallbackUrlError, checkCallbackUrl } from './callback';
import { batchCallbackJob, crossVendorJob, INVENTORY_COLLECTORS, type CollectorCatalogue } from './jobs';

// Starting collector runs on request (seed 000's POST /api/collectors/run and
// friends): a batch, one job_runs row per job, delivery through the queue.
// Each job runs at most once at a time: a trigger that finds one already
// queued or running reports that run instead of starting another. The
// caller passes the catalogue of collectors a trigger may name: the
// inventory's own, or those plus the collectors of slices that are started
// and reported through the same API (lib/collectors composes it).

const PRIORITIES = { low: -10, normal: 0, high: 10 } as const;

/** A trigger: collectors named in the caller's catalogue (the inventory's, with those of any slice reported alongside). */
export interface TriggerInput<Name extends string = string> {
  collectors: Name[];
  priority: keyof typeof PRIORITIES;
  runCrossVendor: boolean;
  callbackUrl?: string;
}

export interface TriggerResponse {
  batch_id: string;
  status: JobStatus;
  message: string;
  failed_jobs: { job_name: string; job_id: string | null; error: string }[];
  collectors: { job_name: string; job_id: string; status: JobStatus; started_at: string }[];
}

export async function triggerCollectors<Name extends string>(ctx: RequestContext, catalogue: CollectorCatalogue<Name>, input: TriggerInput<Name>): Promise<TriggerResponse> {
  authorize(ctx.actor, 'inventory:operate');
  return queueCollectorRuns(ctx.db, catalogue, input, actorLabel(ctx.actor));
}

/**
 * Queues the runs (no permission check: callers are the API above and demo
 * start-up). The checks start when the collectors of the batch have ended
 * (queued by the last of them), and the callback when the whole batch has.
 */
export async function queueCollectorRuns<Name extends string>(db: Db, catalogue: CollectorCatalogue<Name>, input: TriggerInput<Name>, requestedBy: string): Promise<TriggerResponse> {
  const jobs = [...new Set(input.collectors)].map((name) => catalogue[name].job);
  const wantsChecks = input.runCrossVendor && (jobs.length === 0 || input.collectors.some((c) => Object.hasOwn(INVENTORY_COLLECTORS, c)));
  const callback = input.callbackUrl === undefined ? null : validateCallback(input.callbackUrl);
  if (jobs.length === 0 && !wantsChecks) throw new AppError('validation_failed', 'Nothing to run', [{ path: 'collectors', code: 'too_small', message: 'Name at least one collector' }]);

  const started = `Starting collectors: ${input.collectors.join(', ') || 'cross-vendor checks'}`;
  const batchInput = {
    priority: input.priority,
    requestedBy,
    options: { collectors: input.collectors, run_cross_vendor: input.runCrossVendor, callback: callback?.toString() ?? null },
    message: started,
  };
  const steps = [...jobs.map((job) => ({ job })), ...(wantsChecks ? [{ job: crossVendorJob, after: 'earlier' as const }] : [])];
  // A failed API-triggered run stays failed; the person who asked decides whether to try again.
  const { batchId, runs } = await queueBatch(db, batchInput, steps, { exclusive: true, send: { retryLimit: 0, priority: PRIORITIES[input.priority] } });
  const ids = runs.map((r) => r.run.job_id);
  if (callback) await queueRun(db, batchCallbackJob, { batch_id: batchId, url: callback.toString() }, { after: ids });

  const reused = runs.filter((r) => !r.isNew);
  const message = [started, reused.length > 0 ? `already running: ${reused.map((r) => `${r.run.job_name} (${r.run.job_id})`).join(', ')}` : null].filter(Boolean).join('; ');
  return describeBatch({ db }, batchId, ids, message);
}

function validateCallback(raw: string): URL {
  const e = env();
  if (!e.WEBHOOK_SECRET) {
    throw new AppError('validation_failed', 'Callbacks need WEBHOOK_SECRET to be set on the server', [{ path: 'callback_url', code: 'custom', message: 'WEBHOOK_SECRET is not set' }]);
  }
  try {
    return checkCallbackUrl(raw, { allowPrivate: e.NODE_ENV === 'test' });
  } catch (error) {
    if (error instanceof CallbackUrlError) throw new AppError('validation_failed', 'Request is not valid', [{ path: 'callback_url', code: 'custom', message: error.message }]);
    throw error;
  }
}

/** The seed's trigger response for a batch and the runs it reported. */
export async function describeBatch(
  ctx: Pick<RequestContext, 'db'>,
  batchId: string,
  jobIds: readonly string[],
  message: string,
  failed: TriggerResponse['failed_jobs'] = [],
): Promise<TriggerResponse> {
  const runs = await getRuns(ctx.db, jobIds);
  const ordered = jobIds.map((id) => runs.find((r) => r.job_id === id)).filter((r): r is RunRow => r !== undefined);
  const batch = await getBatch(ctx.db, batchId);
  for (const run of ordered) {
    if (run.status === 'failed' && !failed.some((f) => f.job_id === run.job_id)) failed.push({ job_name: run.job_name, job_id: run.job_id, error: run.error ?? 'failed' });
  }
  return {
    batch_id: batchId,
    status: batch?.status ?? (ordered.every((r) => !isOpen(r.status)) ? 'completed' : 'running'),
    message,
    failed_jobs: failed,
    collectors: ordered.map((r) => ({
      job_name: r.job_name,
      job_id: r.job_id,
      status: r.status,
      started_at: (r.started_at ?? r.created_at).toISOString(),
    })),
  };
}

/** Waits (polling) until the batch's runs have finished or the timeout passes. */
export async function waitForBatch(ctx: Pick<RequestContext, 'db'>, response: TriggerResponse, timeoutMs: number): Promise<TriggerResponse> {
  const ids = response.collectors.map((c) => c.job_id);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const runs = await getRuns(ctx.db, ids);
    if (runs.every((r) => !isOpen(r.status)) || Date.now() >= until) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await refreshBatch(ctx.db, response.batch_id);
  return describeBatch(ctx, response.batch_id, ids, response.message, response.failed_jobs.filter((f) => f.job_id === null));
}

export async function cancelCollectorBatch(ctx: RequestContext, batchId: string) {
  authorize(ctx.actor, 'inventory:operate');
  const batch = await getBatch(ctx.db, batchId);
  if (!batch) throw new AppError('not_found', 'Batch not found');
  if (!isOpen(batch.status)) throw new AppError('conflict', `Batch ${batchId} has already finished (${batch.status})`, { status: batch.status });
  const cancelled = await cancelBatch(ctx.db, batchId);
  if (!cancelled) throw new AppError('conflict', `Batch ${batchId} finished before it could be cancelled`);
  const runs = await getBatchRuns(ctx.db, batchId);
  return {
    batch_id: batchId,
    status: 'cancelled' as const,
    message: 'Cancelled: queued runs will not start and running ones stop at their next progress report',
    collectors: runs.map((r) => ({ job_name: r.job_name, job_id: r.job_id, status: r.status })),
  };
}

export const waitQuerySchema = z.object({
  wait: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  timeout: z.coerce.number().int().min(1).max(600).default(120),
});
export type WaitQuery = z.infer<typeof waitQuerySchema>;

/** Runs a trigger and answers 202 while work is pending, 200 once it has finished (?wait=true). */
export async function respondToTrigger<Name extends string>(ctx: RequestContext, catalogue: CollectorCatalogue<Name>, input: TriggerInput<Name>, query: WaitQuery): Promise<Response> {
  let result = await triggerCollectors(ctx, catalogue, input);
  if (query.wait) result = await waitForBatch(ctx, result, query.timeout * 1000);
  const pending = result.collectors.some((c) => isOpen(c.status));
  return Response.json(result, { status: pending ? 202 : 200 });
}

/** A JSON body that may be empty: absent means "all defaults". */
export const optionalBody = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? {}, schema);
