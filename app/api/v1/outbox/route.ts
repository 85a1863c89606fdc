import { z } from 'zod';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { listOutboxFor } from '@/lib/mail/outbox';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/outbox', {
  // GET /api/v1/outbox – every e-mail the system wrote, newest first (superusers)
  GET: route({
    credentials: ['bearer', 'session'],
    query: paginationSchema.extend({ category: z.string().max(100).optional() }),
    handler: async ({ ctx, query, req }) => {
      const { page, per_page, category } = query;
      const { rows, total } = await listOutboxFor(ctx, { page, per_page }, { category });
      return envelope(rows, req.url, { page, per_page, total });
    },
  }),
});
