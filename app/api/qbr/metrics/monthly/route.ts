import { methods, route } from '@/lib/http/route';
import { getMonthlyMetrics, metricsQuerySchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/metrics/monthly', {
  // GET /api/qbr/metrics/monthly – monthly inputs (preferred source, or all with data_source=all)
  GET: route({ query: metricsQuerySchema, handler: async ({ ctx, query }) => ({ data: await getMonthlyMetrics(ctx, query) }) }),
});
