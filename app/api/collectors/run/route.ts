import { methods, route } from '@/lib/http/route';
import { respondToTrigger, triggerBodySchema } from '@/lib/collectors';
import { optionalBody, waitQuerySchema } from '@/lib/inventory';

// POST /api/collectors/run – start collectors (asynchronous; ?wait=true waits up to ?timeout seconds)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/run', {
  POST: route({
    query: waitQuerySchema,
    body: optionalBody(triggerBodySchema),
    handler: ({ ctx, body, query }) =>
      respondToTrigger(
        ctx,
        { collectors: body.collectors, priority: body.priority, runCrossVendor: body.run_cross_vendor, callbackUrl: body.callback_url },
        query,
      ),
  }),
});
