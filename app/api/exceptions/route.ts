import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { EXCEPTION_TYPES, isIsoDate, listExceptions, VARIANCE_STATUSES } from '@/lib/inventory';

const query = z.strictObject({
  type: z.enum(EXCEPTION_TYPES).optional(),
  hostname: z.string().trim().min(1).max(255).optional(),
  resolved: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  variance_status: z.enum(VARIANCE_STATUSES).optional(),
  organization_id: z.coerce.number().int().positive().optional(),
  date: z.string().refine(isIsoDate, 'Expected a date (YYYY-MM-DD)').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

// GET /api/exceptions – exceptions in the caller's scope, filtered (array; total in X-Total-Count)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions', {
  GET: route({
    query,
    handler: async ({ ctx, query }) => {
      const { exceptions, total } = await listExceptions(ctx, {
        type: query.type,
        hostname: query.hostname,
        resolved: query.resolved,
        variance_status: query.variance_status,
        organization_id: query.organization_id,
        observed_on: query.date,
        limit: query.limit,
        offset: query.offset,
      });
      return Response.json(exceptions, { headers: { 'X-Total-Count': String(total) } });
    },
  }),
});
