import { methods, route } from '@/lib/http/route';
import { updateNameBodySchema, updateThreatLockerName } from '@/lib/inventory';

// POST /api/threatlocker/update-name – rename a ThreatLocker computer, refresh it and re-check it
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/threatlocker/update-name', {
  POST: route({ body: updateNameBodySchema, handler: ({ ctx, body }) => updateThreatLockerName(ctx, body) }),
});
