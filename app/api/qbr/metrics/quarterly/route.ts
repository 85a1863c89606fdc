import { methods, route } from '@/lib/http/route';
import { getQuarterlyMetrics, quarterlyQuerySchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/metrics/quarterly', {
  // GET /api/qbr/metrics/quarterly – a quarter's roll-ups (flows summed, levels averaged)
  GET: route({ query: quarterlyQuerySchema, handler: async ({ ctx, query }) => ({ data: await getQuarterlyMetrics(ctx, query) }) }),
});
