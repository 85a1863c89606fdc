import { methods, route } from '@/lib/http/route';
import { syncBodySchema, syncThreatLockerDevice } from '@/lib/inventory';

// POST /api/threatlocker/sync-device – re-read one ThreatLocker computer into the snapshot and re-check it
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/threatlocker/sync-device', {
  POST: route({ body: syncBodySchema, handler: ({ ctx, body }) => syncThreatLockerDevice(ctx, body) }),
});
