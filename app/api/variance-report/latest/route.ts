import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { flag, varianceReport } from '@/lib/inventory';

const query = z.strictObject({ include_resolved: flag });

// GET /api/variance-report/latest – what the latest cross-vendor checks found
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variance-report/latest', {
  GET: route({ query, handler: ({ ctx, query }) => varianceReport(ctx, { includeResolved: query.include_resolved }) }),
});
