import { exportResponse } from '@/lib/exports/response';
import { methods, route } from '@/lib/http/route';
import { varianceExport, varianceExportQuery } from '@/lib/inventory';

// GET /api/variances/export/csv – the variance report of a check date as a streamed csv download
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/export/csv', {
  GET: route({
    query: varianceExportQuery,
    handler: async ({ ctx, query }) => {
      const { spec, filename } = await varianceExport(ctx, 'csv', query);
      return exportResponse('csv', spec, filename);
    },
  }),
});
