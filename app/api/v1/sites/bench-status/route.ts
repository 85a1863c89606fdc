import { ingestBacklog } from '@/lib/drupal';
import { env } from '@/lib/core/env';
import { notFound } from '@/lib/core/errors';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

// GET /api/v1/sites/bench-status – what the ingestion benchmark waits for:
// reports not yet applied and site modules without a verdict. It exists only
// while BENCH=1.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/bench-status', {
  GET: route({
    handler: async ({ ctx, req }) => {
      if (!env().BENCH) throw notFound('Route');
      return envelope(await ingestBacklog(ctx), req.url);
    },
  }),
});
