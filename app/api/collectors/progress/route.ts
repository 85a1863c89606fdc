import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { collectorProgress } from '@/lib/collectors';

const query = z.object({ batch_id: z.string().regex(/^bc_[0-9a-f]{8}$/, 'Expected a batch id such as bc_1a2b3c4d').optional() });

// GET /api/collectors/progress – active runs with progress_percent and status (and one batch with ?batch_id)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/progress', {
  GET: route({ query, handler: ({ ctx, query }) => collectorProgress(ctx, query.batch_id) }),
});
