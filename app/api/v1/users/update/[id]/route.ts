import { updateUser, userUpdateSchema } from '@/lib/admin';
import { methods, recordRoute } from '@/lib/http/route';

// PUT /api/v1/users/update/{id} – change a user (admins), or one's own name, password and notifications
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/update/[id]', {
  PUT: recordRoute(updateUser, { body: userUpdateSchema }),
});
