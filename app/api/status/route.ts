import { methods, route } from '@/lib/http/route';
import { inventoryStatus } from '@/lib/inventory';

// GET /api/status – data freshness, device counts, collector health, warnings and open exceptions
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/status', {
  GET: route({ handler: ({ ctx }) => inventoryStatus(ctx) }),
});
