import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { respondToTrigger } from '@/lib/collectors';
import { optionalBody, waitQuerySchema } from '@/lib/inventory';

const body = z.strictObject({
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  callback_url: z.string().max(2000).optional(),
});

// POST /api/collectors/sequence/run – both collectors, then the cross-vendor checks
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/sequence/run', {
  POST: route({
    query: waitQuerySchema,
    body: optionalBody(body),
    handler: ({ ctx, body, query }) =>
      respondToTrigger(ctx, { collectors: ['ninja', 'threatlocker'], priority: body.priority, runCrossVendor: true, callbackUrl: body.callback_url }, query),
  }),
});
