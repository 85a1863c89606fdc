import { methods, route } from '@/lib/http/route';
import { listThresholdsFor, saveThresholdFor, thresholdBodySchema, thresholdsQuerySchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/thresholds', {
  // GET /api/qbr/thresholds – the thresholds in force for an organisation (its own, else the defaults)
  GET: route({ query: thresholdsQuerySchema, handler: async ({ ctx, query }) => ({ data: await listThresholdsFor(ctx, query) }) }),
  // POST /api/qbr/thresholds – set a threshold for an organisation or the global default (superusers)
  POST: route({ body: thresholdBodySchema, handler: async ({ ctx, body }) => ({ data: await saveThresholdFor(ctx, body) }) }),
});
