import { deleteOrganization, getOrganization, organizationUpdateSchema, updateOrganization } from '@/lib/admin';
import { methods, recordRoute } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/organizations/[id]', {
  // GET /api/v1/organizations/{id} – one organisation
  GET: recordRoute(getOrganization),
  // PUT /api/v1/organizations/{id} – change name, tax id or (superusers) active state
  PUT: recordRoute(updateOrganization, { body: organizationUpdateSchema }),
  // DELETE /api/v1/organizations/{id} – soft delete; deactivates its users, sites and API keys
  DELETE: recordRoute(deleteOrganization),
});
