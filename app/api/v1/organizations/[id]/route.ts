import { deleteOrganization, getOrganization, organizationUpdateSchema, updateOrganization } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/organizations/[id]', {
  // GET /api/v1/organizations/{id} – one organisation
  GET: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await getOrganization(ctx, params.id), req.url),
  }),
  // PUT /api/v1/organizations/{id} – change name, tax id or (superusers) active state
  PUT: route({
    params: idParams,
    body: organizationUpdateSchema,
    handler: async ({ ctx, params, body, req }) => envelope(await updateOrganization(ctx, params.id, body), req.url),
  }),
  // DELETE /api/v1/organizations/{id} – soft delete; deactivates its users, sites and API keys
  DELETE: route({
    params: idParams,
    handler: async ({ ctx, params, req }) => envelope(await deleteOrganization(ctx, params.id), req.url),
  }),
});
