import { methods, route } from '@/lib/http/route';
import { byHostnameBodySchema, markFixedByHostname } from '@/lib/inventory';

// POST /api/exceptions/mark-fixed-by-hostname – mark a host's exception of a type (default DISPLAY_NAME_MISMATCH) fixed
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/exceptions/mark-fixed-by-hostname', {
  POST: route({ body: byHostnameBodySchema, handler: ({ ctx, body }) => markFixedByHostname(ctx, body) }),
});
