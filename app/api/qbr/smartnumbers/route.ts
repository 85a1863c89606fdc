import { methods, route } from '@/lib/http/route';
import { getSmartNumbers, smartnumbersQuerySchema } from '@/lib/qbr';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/smartnumbers', {
  // GET /api/qbr/smartnumbers – every SmartNumber of a quarter or month, with its threshold colour
  GET: route({ query: smartnumbersQuerySchema, handler: async ({ ctx, query }) => ({ data: await getSmartNumbers(ctx, query) }) }),
});
