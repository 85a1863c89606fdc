import { exportResponse } from '@/lib/exports/response';
import { methods, route } from '@/lib/http/route';
import { varianceExport, varianceExportQuery } from '@/lib/inventory';

// GET /api/variances/export/pdf – the variance report of a check date as a streamed pdf download
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/export/pdf', {
  GET: route({
    query: varianceExportQuery,
    handler: async ({ ctx, query }) => {
      const { spec, filename } = await varianceExport(ctx, 'pdf', query);
      return exportResponse('pdf', spec, filename);
    },
  }),
});
