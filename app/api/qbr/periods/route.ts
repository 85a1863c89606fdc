import { methods, route } from '@/lib/http/route';
import { listPeriodsFor, periodsQuerySchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/periods', {
  // GET /api/qbr/periods – months and quarters, each saying whether the organisation has data in it
  GET: route({ query: periodsQuerySchema, handler: async ({ ctx, query }) => ({ data: await listPeriodsFor(ctx, query) }) }),
});
