import { methods, route } from '@/lib/http/route';
import { enterManualMetrics, manualMetricsSchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/metrics/manual', {
  // POST /api/qbr/metrics/manual – hand-entered metrics and audited overrides (superusers)
  POST: route({
    body: manualMetricsSchema,
    handler: async ({ ctx, body }) => Response.json({ data: await enterManualMetrics(ctx, body) }, { status: 201 }),
  }),
});
