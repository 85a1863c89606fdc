import { z } from 'zod';
import { listPatchRunsFor, patchRunCreateSchema, recordPatchRun } from '@/lib/drupal';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

const listQuery = paginationSchema.extend({
  from: z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`)).optional(),
  to: z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`)).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/[id]/patch-run', {
  // GET /api/v1/sites/{site_id}/patch-run – the site's patch runs, newest first, with their updates and lag
  GET: route({
    params: idParams,
    query: listQuery,
    handler: async ({ ctx, params, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listPatchRunsFor(ctx, params.id, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
  // POST /api/v1/sites/{site_id}/patch-run – record a patch run (explicit items, or the version changes reports showed)
  POST: route({
    params: idParams,
    body: patchRunCreateSchema,
    handler: async ({ ctx, params, body, req }) => Response.json(envelope(await recordPatchRun(ctx, params.id, body), req.url), { status: 201 }),
  }),
});
