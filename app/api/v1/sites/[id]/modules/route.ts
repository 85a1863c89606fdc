import { z } from 'zod';
import { acceptModuleReport, listSiteModulesFor, MAX_REPORT_BODY_BYTES, siteModulesQuery } from '@/lib/drupal';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/[id]/modules', {
  // GET /api/v1/sites/{site_id}/modules – the site's modules and verdicts, security updates first
  GET: route({
    params: idParams,
    query: siteModulesQuery,
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
