import type { Db } from '@/db';
import { AppError } from '@/lib/core/errors';
import { loadApiKeyActor } from './api-keys';
import type { Actor } from './policy';
import { readBrowserSession } from './session-cookie';
import { loadUserActor } from './sessions';
import { verifyAccessToken } from './tokens';

export type Credential = 'api_key' | 'bearer' | 'session';

/**
 * Who is calling: an API key (X-API-Key), an access token (Authorization:
 * Bearer) or a browser session cookie, checked in that order. A credential
 * that is present but invalid is an error, never a silent fall-through to
 * another one.
 */
export async function authenticateRequest(db: Db, headers: Headers): Promise<{ actor: Actor; via: Credential } | null> {
  const apiKey = headers.get('x-api-key');
  if (apiKey !== null) {
    const actor = await loadApiKeyActor(db, apiKey.trim());
    if (!actor) throw new AppError('unauthorized', 'API key is not valid or has been revoked');
    return { actor, via: 'api_key' };
  }

  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new AppError('unauthorized', 'Authorization header must be "Bearer <token>"');
    const claims = await verifyAccessToken(match[1]);
    const actor = await loadUserActor(db, claims.sessionId, claims.userId);
    if (!actor) throw new AppError('unauthorized', 'Session has ended; sign in again');
    return { actor, via: 'bearer' };
  }

  const session = await readBrowserSession(headers.get('cookie'));
  if (session) {
    const actor = await loadUserActor(db, session.sessionId, session.userId);
    if (actor) return { actor, via: 'session' };
  }
  return null;
}
