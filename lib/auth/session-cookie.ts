import { decode } from 'next-auth/jwt';
import { authSecret } from './secret';

// Auth.js names its session cookie by transport; the cookie name is also the
// salt of its encryption key.
const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export type BrowserSessionClaims = { userId: number; sessionId: string };

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Decodes the browser session cookie of a request, or returns null. */
export async function readBrowserSession(cookieHeader: string | null): Promise<BrowserSessionClaims | null> {
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    try {
      const claims = await decode({ token, secret: authSecret(), salt: name });
      const userId = Number(claims?.uid);
      const sessionId = claims?.sid;
      if (Number.isSafeInteger(userId) && typeof sessionId === 'string') return { userId, sessionId };
    } catch {
      // A tampered or foreign cookie is no session.
    }
  }
  return null;
}
