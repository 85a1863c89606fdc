import { methods, route } from '@/lib/http/route';
import { dateParams, historicalVariances } from '@/lib/inventory';

// GET /api/variances/historical/{date} – a past day's variances, with NinjaOne duplicates
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/historical/[date]', {
  GET: route({ params: dateParams, handler: ({ ctx, params }) => historicalVariances(ctx, params.date) }),
});
