import { methods, route } from '@/lib/http/route';
import { syncVendorOrganizationsFor } from '@/lib/inventory';

// POST /api/inventory/vendor-organizations/sync – fetch both vendors' organisations now, with proposals
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/vendor-organizations/sync', {
  POST: route({ handler: ({ ctx }) => syncVendorOrganizationsFor(ctx) }),
});
