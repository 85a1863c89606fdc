import { patchRunDownload, patchRunSummary, patchRunSummaryQuery } from '@/lib/drupal';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/reports/patch-run', {
  // GET /api/v1/reports/patch-run – updates applied per week or month, median lag, year to date (?format=csv|xlsx)
  GET: route({
    query: patchRunSummaryQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, format, period, ...filters } = query;
      if (format !== 'json') return patchRunDownload(ctx, filters, format);
      const { total, ...report } = await patchRunSummary(ctx, filters, period, { page, per_page });
      return envelope(report, req.url, { page, per_page, total });
    },
  }),
});
