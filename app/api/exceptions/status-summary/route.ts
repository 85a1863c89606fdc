import { methods, route } from '@/lib/http/route';
import { exceptionStatusSummary } from '@/lib/inventory';

// GET /api/exceptions/status-summary – exceptions by variance status and type
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/status-summary', {
  GET: route({ handler: ({ ctx }) => exceptionStatusSummary(ctx) }),
});
