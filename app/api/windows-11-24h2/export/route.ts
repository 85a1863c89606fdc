import { exportResponse } from '@/lib/exports/response';
import { methods, route } from '@/lib/http/route';
import { readinessExportQuery, windows11Export } from '@/lib/inventory';

// GET /api/windows-11-24h2/export?format=csv|xlsx|pdf&organization_id&scope=all|not_ready – readiness per device as a download
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/export', {
  GET: route({
    query: readinessExportQuery,
    handler: async ({ ctx, query }) => {
      const { spec, filename } = await windows11Export(ctx, query);
      return exportResponse(query.format, spec, filename);
    },
  }),
});
