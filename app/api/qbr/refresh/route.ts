import { methods, route } from '@/lib/http/route';
import { refreshBodySchema, requestQbrRefresh } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/refresh', {
  // POST /api/qbr/refresh – queue the QBR collectors and the metrics job now (superusers)
  POST: route({ body: refreshBodySchema, handler: async ({ ctx, body }) => Response.json({ data: await requestQbrRefresh(ctx, body) }, { status: 202 }) }),
});
