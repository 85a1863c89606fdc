import { z } from 'zod';
import { createSite, listSitesFor, siteCreateSchema } from '@/lib/drupal';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { queryFlag } from '@/lib/http/schemas';

const listQuery = paginationSchema.extend({
  organization_id: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  has_security: queryFlag,
  sort: z.enum(['name', 'worst']).default('name'),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites', {
  // GET /api/v1/sites – sites the caller may see, with update counts, paginated
  GET: route({
    query: listQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listSitesFor(ctx, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
  // POST /api/v1/sites – register a site (URL normalised, unique among live sites)
  POST: route({
    body: siteCreateSchema,
    handler: async ({ ctx, body, req }) => Response.json(envelope(await createSite(ctx, body), req.url), { status: 201 }),
  }),
});
