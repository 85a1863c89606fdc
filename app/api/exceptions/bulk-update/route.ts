import { methods, route } from '@/lib/http/route';
import { bulkBodySchema, bulkUpdateExceptions } from '@/lib/inventory';

// POST /api/exceptions/bulk-update – one action on many exceptions, all or nothing
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/bulk-update', {
  POST: route({ body: bulkBodySchema, handler: ({ ctx, body }) => bulkUpdateExceptions(ctx, body) }),
});
