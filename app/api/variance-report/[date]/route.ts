import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { dateParams, flag, varianceReport } from '@/lib/inventory';

const query = z.strictObject({ include_resolved: flag });

// GET /api/variance-report/{date} – the report of one day's checks
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variance-report/[date]', {
  GET: route({ params: dateParams, query, handler: ({ ctx, params, query }) => varianceReport(ctx, { date: params.date, includeResolved: query.include_resolved }) }),
});
