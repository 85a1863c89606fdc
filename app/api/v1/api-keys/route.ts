import { z } from 'zod';
import { apiKeyCreateSchema, createApiKey, listApiKeysFor } from '@/lib/admin';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { queryFlag } from '@/lib/http/schemas';

const listQuery = paginationSchema.extend({
  include_revoked: queryFlag,
  organization_id: z.coerce.number().int().positive().optional(),
  site_id: z.coerce.number().int().positive().optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/api-keys', {
  // GET /api/v1/api-keys – keys the caller manages, without secrets
  GET: route({
    credentials: ['bearer', 'session'],
    query: listQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listApiKeysFor(ctx, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
  // POST /api/v1/api-keys – create a key; the secret is in this response only
  POST: route({
    credentials: ['bearer', 'session'],
    body: apiKeyCreateSchema,
    handler: async ({ ctx, body, req }) => Response.json(envelope(await createApiKey(ctx, body), req.url), { status: 201 }),
  }),
});
