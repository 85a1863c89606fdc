import { z } from 'zod';
import { EXPORT_FORMATS } from '@/lib/exports/types';
import { exportResponse } from '@/lib/exports/response';
import { methods, route } from '@/lib/http/route';
import { exceptionListExport, parseExceptionListParams } from '@/lib/inventory';

// The work list's filters are read as the page reads them (a bad value falls
// back to its default); only the format must be right.
const query = z.looseObject({ format: z.enum(EXPORT_FORMATS).default('csv') });

// GET /api/variances/export/exceptions?format=csv|xlsx|pdf&type&organization_id&status&date&q&sort&dir – the filtered exception list as a download
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/variances/export/exceptions', {
  GET: route({
    query,
    handler: async ({ ctx, query, url }) => {
      const { spec, filename } = await exceptionListExport(ctx, query.format, parseExceptionListParams(url.searchParams));
      return exportResponse(query.format, spec, filename);
    },
  }),
});
