import { methods, route } from '@/lib/http/route';
import { collectorStatus } from '@/lib/collectors';

// GET /api/collectors/status – each collector's source, schedule, state and last run
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/collectors/status', {
  GET: route({ handler: ({ ctx }) => collectorStatus(ctx) }),
});
