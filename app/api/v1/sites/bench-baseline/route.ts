import { z } from 'zod';
import { MAX_REPORT_BODY_BYTES } from '@/lib/drupal';
import { env } from '@/lib/core/env';
import { notFound } from '@/lib/core/errors';
import { methods, route } from '@/lib/http/route';

// POST /api/v1/sites/bench-baseline – the ingestion benchmark's yardstick: the
// same wrapper, credentials, rate limit and body parsing as a module report,
// and nothing else. It exists only while BENCH=1.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/sites/bench-baseline', {
  POST: route({
    body: z.unknown(),
    maxBodyBytes: MAX_REPORT_BODY_BYTES,
    rateLimit: 'ingest',
    handler: async () => {
      if (!env().BENCH) throw notFound('Route');
      return Response.json({ data: { accepted: true } }, { status: 202 });
    },
  }),
});
