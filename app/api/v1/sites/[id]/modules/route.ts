import { z } from 'zod';
import { acceptModuleReport, MAX_REPORT_BODY_BYTES } from '@/lib/drupal/ingest';
import { listSiteModulesFor } from '@/lib/drupal/modules';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

const optionalFlag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

const listQuery = paginationSchema.extend({
  status: z
    .enum(['current', 'update_available', 'security_update_required', 'not_supported', 'revoked', 'unknown', 'not_fetched', 'not_checked'])
    .optional(),
  security_update: optionalFlag,
  update_available: optionalFlag,
  type: z.enum(['core', 'module', 'theme', 'custom']).optional(),
  q: z.string().trim().max(200).optional(),
});

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/[id]/modules', {
  // GET /api/v1/sites/{site_id}/modules – the site's modules and verdicts, security updates first
  GET: route({
    params: idParams,
    query: listQuery,
    handler: async ({ ctx, params, query, req }) => {
      const { page, per_page, ...filters } = query;
      const { rows, total } = await listSiteModulesFor(ctx, params.id, filters, { page, per_page });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
  // POST /api/v1/sites/{site_id}/modules – accept a module report (drush pm:list JSON, composer.lock or {modules:[…]})
  POST: route({
    params: idParams,
    body: z.unknown(),
    maxBodyBytes: MAX_REPORT_BODY_BYTES,
    rateLimit: 'ingest',
    handler: async ({ ctx, params, body, req }) => {
      const accepted = await acceptModuleReport(ctx, params.id, body, {
        sizeBytes: Number(req.headers.get('content-length') ?? 0) || JSON.stringify(body ?? null).length,
        idempotencyKey: req.headers.get('idempotency-key'),
      });
      return Response.json(envelope(accepted, req.url), { status: accepted.duplicate ? 200 : 202 });
    },
  }),
});
