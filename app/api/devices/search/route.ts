import { z } from 'zod';
import { methods, route } from '@/lib/http/route';
import { searchDevices } from '@/lib/inventory';

const query = z.strictObject({
  q: z.string().trim().min(2).max(255),
  vendor: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['ninja', 'ninjaone', 'threatlocker']))
    .transform((v) => (v === 'ninjaone' ? 'ninja' : v) as 'ninja' | 'threatlocker')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// GET /api/devices/search?q= – devices by hostname across both vendors, grouped by physical device
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/devices/search', {
  GET: route({ query, handler: ({ ctx, query }) => searchDevices(ctx, { q: query.q, vendor: query.vendor, limit: query.limit }) }),
});
