import { AppError } from '@/lib/core/errors';
import { checkReadiness } from '@/lib/http/health';
import { methods, publicRoute } from '@/lib/http/route';

// GET /api/health/ready – readiness: database, Redis and job queue answer (503 when one does not)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/health/ready', {
  GET: publicRoute({
    database: false,
    rateLimit: false,
    handler: async () => {
      const { ready, checks } = await checkReadiness();
      if (!ready) throw new AppError('service_unavailable', 'A dependency is unavailable', { checks }, { 'Retry-After': '5' });
      return { status: 'ready', checks, timestamp: new Date().toISOString() };
    },
  }),
});
