import { acceptRisk, acceptRiskSchema, clearAcceptedRisk } from '@/lib/drupal';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/site-modules/[id]/accept-risk', {
  // PUT /api/v1/site-modules/{id}/accept-risk – accept a module's update risk until a date, with a reason
  PUT: route({
    params: idParams,
    body: acceptRiskSchema,
    handler: async ({ ctx, params, body, req }) => envelope(await acceptRisk(ctx, params.id, body), req.url),
  }),
  // DELETE /api/v1/site-modules/{id}/accept-risk – withdraw an accepted risk
  DELETE: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await clearAcceptedRisk(ctx, params.id), req.url),
  }),
});
