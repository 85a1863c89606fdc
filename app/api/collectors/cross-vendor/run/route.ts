import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { respondToTrigger } from '@/lib/collectors';
import { optionalBody, waitQuerySchema } from '@/lib/inventory';

const body = z.strictObject({
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  callback_url: z.string().max(2000).optional(),
});

// POST /api/collectors/cross-vendor/run – run the cross-vendor checks on the latest snapshots
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/cross-vendor/run', {
  POST: route({
    query: waitQuerySchema,
    body: optionalBody(body),
    handler: ({ ctx, body, query }) =>
      respondToTrigger(ctx, { collectors: [], priority: body.priority, runCrossVendor: true, callbackUrl: body.callback_url }, query),
  }),
});
