import { moduleUpdatesDownload, moduleUpdatesQuery, moduleUpdatesSummary } from '@/lib/drupal';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/reports/module-updates', {
  // GET /api/v1/reports/module-updates – modules with updates, security first; counts by organisation and project (?format=csv|xlsx)
  GET: route({
    query: moduleUpdatesQuery,
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, format, ...filters } = query;
      if (format !== 'json') return moduleUpdatesDownload(ctx, filters, format);
      const { counts, rows, total } = await moduleUpdatesSummary(ctx, filters, { page, per_page });
      return envelope({ counts, rows }, req.url, { page, per_page, total });
    },
  }),
});
