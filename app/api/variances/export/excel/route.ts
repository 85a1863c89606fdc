import { exportResponse } from '@/lib/exports/response';
import { methods, route } from '@/lib/http/route';
import { varianceExport, varianceExportQuery } from '@/lib/inventory';

// GET /api/variances/export/excel – the variance report of a check date as a streamed xlsx download
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/export/excel', {
  GET: route({
    query: varianceExportQuery,
    handler: async ({ ctx, query }) => {
      const { spec, filename } = await varianceExport(ctx, 'xlsx', query);
      return exportResponse('xlsx', spec, filename);
    },
  }),
});
