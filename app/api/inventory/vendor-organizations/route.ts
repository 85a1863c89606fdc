import { methods, route } from '@/lib/http/route';
import { listVendorOrganizations } from '@/lib/inventory';

// GET /api/inventory/vendor-organizations – vendor organisations with their mapping and proposal
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/vendor-organizations', {
  GET: route({ handler: ({ ctx }) => listVendorOrganizations(ctx) }),
});
