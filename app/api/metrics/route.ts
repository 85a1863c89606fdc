import crypto from 'node:crypto';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { methods, publicRoute } from '@/lib/http/route';
import { metrics } from '@/lib/core/metrics';

function tokenMatches(given: string, expected: string) {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

// GET /api/metrics – Prometheus metrics; needs "Authorization: Bearer $METRICS_TOKEN"
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/metrics', {
  GET: publicRoute({
    database: false,
    rateLimit: false,
    handler: async ({ req }) => {
      const expected = env().METRICS_TOKEN;
      if (!expected) throw new AppError('forbidden', 'Metrics are disabled; set METRICS_TOKEN to enable them');
      const given = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
      if (!tokenMatches(given, expected)) throw new AppError('unauthorized', 'A valid metrics token is required');
      const { registry } = metrics();
      return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
    },
  }),
});
