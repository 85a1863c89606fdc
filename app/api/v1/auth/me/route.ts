import { getCurrentUser } from '@/lib/admin';
import { visibleAreas } from '@/lib/auth/policy';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

// GET /api/v1/auth/me – who the caller is and what it may use
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/auth/me', {
  GET: route({
    handler: async ({ ctx, req }) => {
      const a = ctx.actor;
      const identity =
        a.kind === 'user'
          ? { kind: a.kind, user: await getCurrentUser(ctx) }
          : { kind: a.kind, api_key: { id: a.apiKeyId, name: a.name, role: a.role, organization_id: a.organizationId, site_id: a.siteId } };
      return envelope({ ...identity, role: a.role, organization_id: a.organizationId, areas: visibleAreas(a) }, req.url);
    },
  }),
});
