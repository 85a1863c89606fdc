import { methods, route } from '@/lib/http/route';
import { triggerWindows11Assessment } from '@/lib/inventory';

// POST /api/windows-11-24h2/run – queue the Windows 11 24H2 assessment now (superusers); answers with the batch
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/windows-11-24h2/run', {
  POST: route({ handler: async ({ ctx }) => Response.json(await triggerWindows11Assessment(ctx), { status: 202 }) }),
});
