import { z } from 'zod';
import { rotateRefreshToken } from '@/lib/auth/sessions';
import { envelope } from '@/lib/http/respond';
import { methods, publicRoute } from '@/lib/http/route';

const refreshSchema = z.strictObject({ refresh_token: z.string().min(1).max(200) });

// POST /api/v1/auth/refresh – rotate a refresh token into a new token pair
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/auth/refresh', {
  POST: publicRoute({
    body: refreshSchema,
    rateLimit: 'auth',
    handler: async ({ ctx, body, req }) => {
      const tokens = await rotateRefreshToken(ctx.db, body.refresh_token, {
        ip: ctx.ip,
        userAgent: req.headers.get('user-agent'),
        requestId: ctx.requestId,
      });
      return envelope(tokens, req.url);
    },
  }),
});
