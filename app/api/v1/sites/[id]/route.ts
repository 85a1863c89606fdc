import { deleteSite, getSite, siteUpdateSchema, updateSite } from '@/lib/drupal';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/[id]', {
  // GET /api/v1/sites/{site_id} – one site with its update counts
  GET: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await getSite(ctx, params.id), req.url),
  }),
  // PUT /api/v1/sites/{site_id} – change URL, name, description or active state
  PUT: route({
    params: idParams,
    body: siteUpdateSchema,
    handler: async ({ ctx, params, body, req }) => envelope(await updateSite(ctx, params.id, body), req.url),
  }),
  // DELETE /api/v1/sites/{site_id} – soft delete; revokes keys bound to the site
  DELETE: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await deleteSite(ctx, params.id), req.url),
  }),
});
