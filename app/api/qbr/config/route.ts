import { methods, route } from '@/lib/http/route';
import { getQbrConfig, qbrConfigSchema, updateQbrConfig } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/config', {
  // GET /api/qbr/config – reactive boards, closed statuses, account categories, vendor mappings (superusers)
  GET: route({ handler: async ({ ctx }) => ({ data: await getQbrConfig(ctx) }) }),
  // PUT /api/qbr/config – replace the whole configuration (superusers, audited)
  PUT: route({ body: qbrConfigSchema, handler: async ({ ctx, body }) => ({ data: await updateQbrConfig(ctx, body) }) }),
});
