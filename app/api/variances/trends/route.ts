import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { exceptionType, varianceTrends } from '@/lib/inventory';

const query = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30), type: exceptionType.optional() });

// GET /api/variances/trends – exceptions per checked day, new and resolved
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/trends', {
  GET: route({ query, handler: ({ ctx, query }) => varianceTrends(ctx, { days: query.days, type: query.type }) }),
});
