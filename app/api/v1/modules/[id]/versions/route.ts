import { listModuleVersionsFor } from '@/lib/drupal';
import { paginationSchema } from '@/lib/http/pagination';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';
import { idParams } from '@/lib/http/schemas';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/modules/[id]/versions', {
  // GET /api/v1/modules/{module_id}/versions – the project's known versions with release dates and flags
  GET: route({
    params: idParams,
    query: paginationSchema,
    handler: async ({ ctx, params, query, req }) => {
      const { rows, total } = await listModuleVersionsFor(ctx, params.id, query);
      return envelope(rows, req.url, { ...query, total });
    },
  }),
});
