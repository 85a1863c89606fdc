import { authorize } from '@/lib/auth/policy';
import { methods, route } from '@/lib/http/route';
import { qbrFreshness } from '@/lib/qbr/freshness';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/status', {
  // GET /api/qbr/status – how current the QBR sources are, and why not when stale
  GET: route({
    handler: async ({ ctx }) => {
      authorize(ctx.actor, 'qbr:read');
      return { data: await qbrFreshness(ctx.db) };
    },
  }),
});
