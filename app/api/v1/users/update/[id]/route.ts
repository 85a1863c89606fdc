import { updateUser, userUpdateSchema } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

// PUT /api/v1/users/update/{id} – change a user (admins), or one's own name, password and notifications
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/update/[id]', {
  PUT: route({
    params: idParams,
    body: userUpdateSchema,
    handler: async ({ ctx, params, body, req }) => envelope(await updateUser(ctx, params.id, body), req.url),
  }),
});
