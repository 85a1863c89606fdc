import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { streamBatchProgress } from '@/lib/inventory';

const query = z.object({ batch_id: z.string().regex(/^bc_[0-9a-f]{8}$/, 'Expected a batch id such as bc_1a2b3c4d') });

// GET /api/collectors/progress/stream?batch_id= – server-sent events with a batch's progress until it ends
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/progress/stream', {
  GET: route({ query, rateLimit: false, handler: ({ ctx, query, req }) => streamBatchProgress(ctx, query.batch_id, req.signal) }),
});
