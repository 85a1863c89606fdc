import { methods, route } from '@/lib/http/route';
import { getQbrStatus } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/status', {
  // GET /api/qbr/status – how current the QBR sources are, and why not when stale
  GET: route({ handler: async ({ ctx }) => ({ data: await getQbrStatus(ctx) }) }),
});
