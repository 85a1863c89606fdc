import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { availableDates } from '@/lib/inventory';

const query = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });

// GET /api/variances/available-dates – days with data from both vendors (last 30 unless ?days)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/available-dates', {
  GET: route({ query, handler: ({ ctx, query }) => availableDates(ctx, query.days) }),
});
