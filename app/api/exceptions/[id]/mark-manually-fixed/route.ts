import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';
import { actionBodySchema, markExceptionManuallyFixed, optionalBody } from '@/lib/inventory';

// POST /api/exceptions/{id}/mark-manually-fixed – a person fixed it; the next collection verifies
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/[id]/mark-manually-fixed', {
  POST: route({ params: idParams, body: optionalBody(actionBodySchema), handler: ({ ctx, params, body }) => markExceptionManuallyFixed(ctx, params.id, body) }),
});
