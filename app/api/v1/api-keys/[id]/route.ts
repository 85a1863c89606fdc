import { revokeApiKey } from '@/lib/admin';
import { methods, recordRoute } from '@/lib/http/route';

// DELETE /api/v1/api-keys/{id} – revoke a key; it stops working at once
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/api-keys/[id]', {
  DELETE: recordRoute(revokeApiKey, { credentials: ['bearer', 'session'] }),
});
