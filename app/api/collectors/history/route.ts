import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { collectorHistory } from '@/lib/collectors';

const query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

// GET /api/collectors/history – the latest collector and check runs (10 unless ?limit)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/history', {
  GET: route({ query, handler: ({ ctx, query }) => collectorHistory(ctx, query.limit) }),
});
