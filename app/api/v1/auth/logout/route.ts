import { recordAudit } from '@/lib/core/audit';
import { revokeSession } from '@/lib/auth/sessions';
import { envelope } from '@/lib/http/respond';
import { methods, route } from '@/lib/http/route';

// POST /api/v1/auth/logout – end the caller's session: its access and refresh tokens stop working at once
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/auth/logout', {
  POST: route({
    credentials: ['bearer', 'session'],
    handler: async ({ ctx, req }) => {
      if (ctx.actor.kind !== 'user') return envelope({ logged_out: false }, req.url);
      await revokeSession(ctx.db, ctx.actor.sessionId, 'logout');
      await recordAudit(ctx.db, ctx, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: ctx.actor.userId,
        data: { session_id: ctx.actor.sessionId },
      });
      return envelope({ logged_out: true }, req.url);
    },
  }),
});
