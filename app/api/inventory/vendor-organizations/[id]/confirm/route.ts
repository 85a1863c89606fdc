import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';
import { confirmVendorOrganizationProposal } from '@/lib/inventory';

// POST /api/inventory/vendor-organizations/{id}/confirm – accept the proposed organisation
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/inventory/vendor-organizations/[id]/confirm', {
  POST: route({ params: idParams, handler: ({ ctx, params }) => confirmVendorOrganizationProposal(ctx, params.id) }),
});
