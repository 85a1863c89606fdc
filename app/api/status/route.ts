import { methods, route } from '@/lib/http/route';
import { collectionStatus } from '@/lib/collectors';

// GET /api/status – data freshness, device counts, collector health, warnings and open exceptions
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/status', {
  GET: route({ handler: ({ ctx }) => collectionStatus(ctx) }),
});
