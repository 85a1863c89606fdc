import { methods, route } from '@/lib/http/route';
import { windows11Status } from '@/lib/inventory/windows11/assessment';
import { readinessStatusQuery } from '@/lib/inventory/windows11/http-schemas';

// GET /api/windows-11-24h2/status – Windows 11 24H2 readiness counts and rates, within the caller's organisation
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/status', {
  GET: route({ query: readinessStatusQuery, handler: ({ ctx, query }) => windows11Status(ctx, { organizationId: query.organization_id }) }),
});
