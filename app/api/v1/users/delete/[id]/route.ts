import { deleteUser } from '@/lib/admin';
import { methods, recordRoute } from '@/lib/http/route';

// DELETE /api/v1/users/delete/{id} – soft-delete a user and end their sessions
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/delete/[id]', {
  DELETE: recordRoute(deleteUser),
});
