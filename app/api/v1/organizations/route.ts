import { z } from 'zod';
import { createOrganization, listOrganizationsFor, organizationCreateSchema } from '@/lib/admin';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { queryFlag } from '@/lib/http/schemas';

const listQuery = paginationSchema.extend({ q: z.string().trim().max(200).optional(), include_deleted: queryFlag });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/organizations', {
  // GET /api/v1/organizations – organisations the caller may see, paginated
  GET: route({
    query: listQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listOrganizationsFor(ctx, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
  // POST /api/v1/organizations – create an organisation (superusers)
  POST: route({
    body: organizationCreateSchema,
    handler: async ({ ctx, body, req }) => Response.json(envelope(await createOrganization(ctx, body), req.url), { status: 201 }),
  }),
});
