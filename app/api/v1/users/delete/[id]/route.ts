import { deleteUser } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

// DELETE /api/v1/users/delete/{id} – soft-delete a user and end their sessions
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/delete/[id]', {
  DELETE: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await deleteUser(ctx, params.id), req.url),
  }),
});
