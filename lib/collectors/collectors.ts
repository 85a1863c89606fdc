import { z } from 'zod';
import type { RequestContext } from '@/lib/core/context';
import * as inventory from '@/lib/inventory';
import { QBR_COLLECTORS } from '@/lib/qbr';

// The seed's collector API (/api/collectors/*) starts and reports the QBR
// collectors alongside the inventory's. Batches, runs and progress are the
// inventory's machinery; this module hands it the catalogue of both.

/** Every collector POST /api/collectors/run can start, by its name there: the inventory's, then the QBR's. */
const COLLECTORS = { ...inventory.INVENTORY_COLLECTORS, ...QBR_COLLECTORS } satisfies inventory.CollectorCatalogue;
type CollectorName = keyof typeof COLLECTORS;
const COLLECTOR_NAMES = Object.keys(COLLECTORS) as [CollectorName, ...CollectorName[]];

export const triggerBodySchema = z.strictObject({
  collectors: z.array(z.enum(COLLECTOR_NAMES)).min(1).max(COLLECTOR_NAMES.length).default(['ninja', 'threatlocker']),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  run_cross_vendor: z.boolean().default(true),
  callback_url: z.string().max(2000).optional(),
});

/** Runs a trigger and answers 202 while work is pending, 200 once it has finished (?wait=true). */
export const respondToTrigger = (ctx: RequestContext, input: inventory.TriggerInput<CollectorName>, query: inventory.WaitQuery) =>
  inventory.respondToTrigger(ctx, COLLECTORS, input, query);

/** Each collector's source, schedule, state and last run. */
export const collectorStatus = (ctx: RequestContext) => inventory.collectorStatus(ctx, COLLECTORS);

/** The latest collector and check runs. */
export const collectorHistory = (ctx: RequestContext, limit: number) => inventory.collectorHistory(ctx, COLLECTORS, limit);

/** Active runs with their progress (and one batch, when named). */
export const collectorProgress = (ctx: RequestContext, batchId?: string) => inventory.collectorProgress(ctx, COLLECTORS, batchId);
