import { getUser } from '@/lib/admin';
import { methods, recordRoute } from '@/lib/http/route';

// GET /api/v1/users/{id} – a user with organisation and role
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users/[id]', {
  GET: recordRoute(getUser),
});
