import { getUser } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

// GET /api/v1/users/{id} – a user with organisation and role
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/[id]', {
  GET: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await getUser(ctx, params.id), req.url),
  }),
});
