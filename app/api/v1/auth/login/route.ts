import { z } from 'zod';
import { loginForApi } from '@/lib/auth/sessions';
import { envelope } from '@/lib/http/respond';
import { methods, publicRoute } from '@/lib/http/route';

const loginSchema = z.strictObject({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });

// POST /api/v1/auth/login – exchange e-mail and password for an access and a refresh token
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/auth/login', {
  POST: publicRoute({
    body: loginSchema,
    rateLimit: 'auth',
    handler: async ({ ctx, body, req }) => {
      const tokens = await loginForApi(ctx.db, body.email, body.password, {
        ip: ctx.ip,
        userAgent: req.headers.get('user-agent'),
        requestId: ctx.requestId,
      });
      return envelope(tokens, req.url);
    },
  }),
});
