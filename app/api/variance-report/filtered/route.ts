import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { exceptionType, filteredVarianceReport, getHostnameKey, isoDate } from '@/lib/inventory';

const query = z.strictObject({
  type: exceptionType.optional(),
  hostname: z.string().trim().min(1).max(255).transform(getHostnameKey).optional(),
  organization_id: z.coerce.number().int().positive().optional(),
  date: isoDate.optional(),
});

// GET /api/variance-report/filtered – unresolved exceptions for the dashboard, with insights
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variance-report/filtered', {
  GET: route({
    query,
    handler: ({ ctx, query }) =>
      filteredVarianceReport(ctx, { type: query.type, hostname: query.hostname, organizationId: query.organization_id, date: query.date }),
  }),
});
