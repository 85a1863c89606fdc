import { methods, route } from '@/lib/http/route';
import { listExceptionWorkPage, parseExceptionListParams } from '@/lib/inventory';

// GET /api/inventory/exceptions?type&organization_id&status&date&q&sort&dir&page&per_page – one page of the exception work list, as its page shows it
// The filters are read as the page reads them: a bad value falls back to its default.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/exceptions', {
  GET: route({ handler: ({ ctx, url }) => listExceptionWorkPage(ctx, parseExceptionListParams(url.searchParams)) }),
});
