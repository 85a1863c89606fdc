import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { AppError } from '@/lib/core/errors';
import { logger } from '@/lib/core/logger';
import { clientIpOf, requestIdOf } from '@/lib/http/request-meta';
import { recordAudit } from '@/lib/core/audit';
import { authenticatePassword, BROWSER_SESSION_TTL_SECONDS, createSession, revokeSession } from './sessions';
import { authSecret } from './secret';

class ThrottledSignIn extends CredentialsSignin {
  override code = 'throttled';
}

// Browser sign-in: Auth.js with the credentials provider and JWT sessions.
// The JWT carries the user id and a server-side session id (sid); every
// request checks that session, so sign-out and deactivation end it at once.
export const { handlers, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: BROWSER_SESSION_TTL_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  // A wrong password is an expected outcome (already audited), not a server error with a stack trace.
  logger: {
    error: (error: Error) => {
      if (error.name === 'CredentialsSignin' || error.name === 'ThrottledSignIn') return;
      logger.error({ err: error }, 'authentication error');
    },
    warn: (code: string) => logger.warn({ code }, 'authentication warning'),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: async (credentials, request) => {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password || email.length > 254 || password.length > 256) return null;
        const meta = {
          ip: clientIpOf(request.headers),
          userAgent: request.headers.get('user-agent'),
          requestId: requestIdOf(request.headers),
        };
        const db = await getDb();
        try {
          const userId = await authenticatePassword(db, email, password, meta);
          const sid = await createSession(db, userId, 'browser', meta);
          return { id: String(userId), sid };
        } catch (error) {
          if (error instanceof AppError && error.code === 'rate_limited') throw new ThrottledSignIn();
          if (error instanceof AppError && error.code === 'unauthorized') return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.uid = Number(user.id);
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
  },
  events: {
    signOut: async (message) => {
      const token = 'token' in message ? message.token : null;
      if (token && typeof token.sid === 'string') {
        const db = await getDb();
        await revokeSession(db, token.sid, 'logout');
        await recordAudit(db, { actor: null, requestId: null, ip: null }, {
          action: 'auth.logout',
          entityType: 'user',
          entityId: typeof token.uid === 'number' ? token.uid : null,
          data: { session_id: token.sid },
        });
      }
    },
  },
}));
