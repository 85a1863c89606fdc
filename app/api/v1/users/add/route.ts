import { createUser, userCreateSchema } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

// POST /api/v1/users/add – create a user (role defaults to viewer)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/add', {
  POST: route({
    body: userCreateSchema,
    handler: async ({ ctx, body, req }) => Response.json(envelope(await createUser(ctx, body), req.url), { status: 201 }),
  }),
});
