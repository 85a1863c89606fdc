import { methods, route } from '@/lib/http/route';
import { readinessListQuery, windows11NotReady } from '@/lib/inventory';

// GET /api/windows-11-24h2/incompatible – devices not ready for 24H2 (incompatible, remediable, needs review) with the failed requirements
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/incompatible', {
  GET: route({
    query: readinessListQuery,
    handler: ({ ctx, query }) => windows11NotReady(ctx, { organizationId: query.organization_id, outcomes: query.outcome, limit: query.limit, offset: query.offset }),
  }),
});
