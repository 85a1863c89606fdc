import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';
import { setVendorOrganizationMapping } from '@/lib/inventory';

const body = z.strictObject({ organization_id: z.number().int().positive().nullable() });

// PUT /api/inventory/vendor-organizations/{id} – map a vendor organisation to ours (null: none of ours)
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/vendor-organizations/[id]', {
  PUT: route({ params: idParams, body, handler: ({ ctx, params, body }) => setVendorOrganizationMapping(ctx, params.id, body.organization_id) }),
});
