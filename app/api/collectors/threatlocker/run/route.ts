import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { respondToTrigger } from '@/lib/collectors';
import { optionalBody, waitQuerySchema } from '@/lib/inventory';

const body = z.strictObject({
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  run_cross_vendor: z.boolean().default(false),
  callback_url: z.string().max(2000).optional(),
});

// POST /api/collectors/threatlocker/run – collect ThreatLocker only
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/threatlocker/run', {
  POST: route({
    query: waitQuerySchema,
    body: optionalBody(body),
    handler: ({ ctx, body, query }) =>
      respondToTrigger(ctx, { collectors: ['threatlocker'], priority: body.priority, runCrossVendor: body.run_cross_vendor, callbackUrl: body.callback_url }, query),
  }),
});
