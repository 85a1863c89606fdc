import { methods, publicRoute } from '@/lib/http/route';

// GET /api/health – liveness: the process answers (no database involved)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/health', {
  GET: publicRoute({
    database: false,
    rateLimit: false,
    handler: async () => ({ status: 'ok', timestamp: new Date().toISOString() }),
  }),
});
