import { methods, route } from '@/lib/http/route';
import { readinessListQuery, windows11Compatible } from '@/lib/inventory';

const query = readinessListQuery.omit({ outcome: true });

// GET /api/windows-11-24h2/compatible – devices ready for 24H2 (compatible for the upgrade, or already on it) with what they passed
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/compatible', {
  GET: route({ query, handler: ({ ctx, query }) => windows11Compatible(ctx, { organizationId: query.organization_id, limit: query.limit, offset: query.offset }) }),
});
