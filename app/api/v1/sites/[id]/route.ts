import { deleteSite, getSite, siteUpdateSchema, updateSite } from '@/lib/drupal';
import { methods, recordRoute } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/[id]', {
  // GET /api/v1/sites/{site_id} – one site with its update counts
  GET: recordRoute(getSite),
  // PUT /api/v1/sites/{site_id} – change URL, name, description or active state
  PUT: recordRoute(updateSite, { body: siteUpdateSchema }),
  // DELETE /api/v1/sites/{site_id} – soft delete; revokes keys bound to the site
  DELETE: recordRoute(deleteSite),
});
