import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';
import { getException } from '@/lib/inventory';

// GET /api/exceptions/{id} – one exception with its history
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/[id]', {
  GET: route({ params: idParams, handler: ({ ctx, params }) => getException(ctx, params.id) }),
});
