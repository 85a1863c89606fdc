import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { cancelCollectorBatch } from '@/lib/inventory';

const params = z.object({ batch_id: z.string().regex(/^bc_[0-9a-f]{8}$/, 'Expected a batch id such as bc_1a2b3c4d') });

// POST /api/collectors/batches/{batch_id}/cancel – cancel a queued or running batch
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/batches/[batch_id]/cancel', {
  POST: route({ params, handler: ({ ctx, params }) => cancelCollectorBatch(ctx, params.batch_id) }),
});
