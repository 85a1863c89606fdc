import { z } from 'zod';
import { listUsersFor } from '@/lib/admin';
import { ROLES } from '@/lib/auth/policy';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

const listQuery = paginationSchema.extend({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  organization_id: z.coerce.number().int().positive().optional(),
});

// GET /api/v1/users – users the caller may manage, paginated
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users', {
  GET: route({
    query: listQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listUsersFor(ctx, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
});
