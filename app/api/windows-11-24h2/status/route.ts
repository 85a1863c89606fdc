import { methods, route } from '@/lib/http/route';
import { readinessStatusQuery, windows11Status } from '@/lib/inventory';

// GET /api/windows-11-24h2/status – Windows 11 24H2 readiness counts and rates, within the caller's organisation
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/status', {
  GET: route({ query: readinessStatusQuery, handler: ({ ctx, query }) => windows11Status(ctx, { organizationId: query.organization_id }) }),
});
