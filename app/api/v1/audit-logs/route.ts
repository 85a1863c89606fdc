import { auditQuerySchema, listAuditLogsFor } from '@/lib/admin';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

// GET /api/v1/audit-logs – audit entries (superusers: all; org admins: their organisation), filterable
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/audit-logs', {
  GET: route({
    query: auditQuerySchema,
    handler: async ({ ctx, query, req }) => {
      const { rows, total, pagination } = await listAuditLogsFor(ctx, query);
      return envelope(rows, req.url, { ...pagination, total });
    },
  }),
});
