import { revokeApiKey } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

// DELETE /api/v1/api-keys/{id} – revoke a key; it stops working at once
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/api-keys/[id]', {
  DELETE: route({
    credentials: ['bearer', 'session'],
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await revokeApiKey(ctx, params.id), req.url),
  }),
});
