import { methods, route } from '@/lib/http/route';
import { createOrganizationsForUnmatched } from '@/lib/inventory';

// POST /api/inventory/vendor-organizations/create-organizations – an organisation of ours for every
// NinjaOne organisation that matches none of ours, with those mappings confirmed
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/vendor-organizations/create-organizations', {
  POST: route({ handler: ({ ctx }) => createOrganizationsForUnmatched(ctx) }),
});
