import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';
import { actionBodySchema, optionalBody, resolveException } from '@/lib/inventory';

// POST /api/exceptions/{id}/resolve – resolve an exception (superusers; 409 if it changed since `version`)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/[id]/resolve', {
  POST: route({ params: idParams, body: optionalBody(actionBodySchema), handler: ({ ctx, params, body }) => resolveException(ctx, params.id, body) }),
});
