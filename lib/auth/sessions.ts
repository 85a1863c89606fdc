import type { Db } from '@/db';
import {
  findRefreshTokenForUpdate,
  findSessionUser,
  findSignInAccount,
  insertRefreshToken,
  insertSession,
  markRefreshTokenUsed,
  recordLastLogin,
  revokeSessionRow,
  revokeUserSessionRows,
} from '@/db/queries/auth/sessions';
import { recordAudit } from '@/lib/core/audit';
import { AppError } from '@/lib/core/errors';
import { assertNotBlocked, forgive, penalize } from '@/lib/http/rate-limit';
import { verifyPassword } from './passwords';
import type { Actor } from './policy';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, newRefreshToken, signAccessToken } from './tokens';
import { sha256 } from './secret';

export const BROWSER_SESSION_TTL_SECONDS = 8 * 60 * 60;

type Meta = { ip: string | null; userAgent: string | null; requestId: string | null };

export type TokenPair = {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
};

const invalidCredentials = () => new AppError('unauthorized', 'Invalid e-mail or password');

/**
 * Checks an e-mail and password with throttling per account and per address,
 * and records the attempt. Returns the user id on success.
 */
export async function authenticatePassword(db: Db, email: string, password: string, meta: Meta): Promise<number> {
  const accountKey = email.trim().toLowerCase();
  const ipKey = meta.ip ?? 'unknown';
  await assertNotBlocked('login_account', accountKey);
  await assertNotBlocked('login_ip', ipKey);

  const user = await findSignInAccount(db, accountKey);

  const ok = await verifyPassword(user?.hashed_password ?? null, password);
  const origin = { actor: null, requestId: meta.requestId, ip: meta.ip };
  if (!ok || !user) {
    await penalize('login_account', accountKey);
    await penalize('login_ip', ipKey);
    await recordAudit(db, origin, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user?.id ?? null,
      organizationId: user?.organization_id ?? null,
      status: 'failure',
      data: { email: accountKey },
    });
    throw invalidCredentials();
  }
  await forgive('login_account', accountKey);
  await recordLastLogin(db, user.id, new Date());
  // The entry names the person who signed in, not "system".
  const signedIn: Actor = {
    kind: 'user',
    userId: user.id,
    organizationId: user.organization_id,
    role: user.role,
    sessionId: '',
    name: user.name,
    email: user.email,
  };
  await recordAudit(db, { ...origin, actor: signedIn }, {
    action: 'auth.login',
    entityType: 'user',
    entityId: user.id,
    organizationId: user.organization_id,
    data: { email: user.email },
  });
  return user.id;
}

export async function createSession(db: Db, userId: number, kind: 'browser' | 'api', meta: Meta): Promise<string> {
  const ttl = kind === 'browser' ? BROWSER_SESSION_TTL_SECONDS : REFRESH_TOKEN_TTL_SECONDS;
  return insertSession(db, {
    user_id: userId,
    kind,
    expires_at: new Date(Date.now() + ttl * 1000),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
}

async function issueTokens(db: Db, userId: number, sessionId: string): Promise<TokenPair> {
  const refresh = newRefreshToken();
  await insertRefreshToken(db, {
    session_id: sessionId,
    token_hash: refresh.hash,
    expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  return {
    access_token: await signAccessToken(userId, sessionId),
    refresh_token: refresh.token,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
  };
}

export async function loginForApi(db: Db, email: string, password: string, meta: Meta): Promise<TokenPair> {
  const userId = await authenticatePassword(db, email, password, meta);
  const sessionId = await createSession(db, userId, 'api', meta);
  return issueTokens(db, userId, sessionId);
}

/**
 * Exchanges a refresh token for a new pair. Each refresh token works once:
 * presenting a spent one means it was stolen or replayed, so the whole
 * session (every token descended from the same login) is revoked.
 */
export async function rotateRefreshToken(db: Db, refreshToken: string, meta: Meta): Promise<TokenPair> {
  const tokenHash = sha256(refreshToken);
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await findRefreshTokenForUpdate(trx, tokenHash);
    if (!row) return { kind: 'invalid' as const };
    if (row.used_at) {
      await revokeSessionRow(trx, row.session_id, 'refresh_token_reuse');
      await recordAudit(trx, { actor: null, requestId: meta.requestId, ip: meta.ip }, {
        action: 'auth.refresh_reuse',
        entityType: 'user',
        entityId: row.user_id,
        organizationId: row.organization_id,
        status: 'failure',
        data: { session_id: row.session_id },
      });
      return { kind: 'reused' as const };
    }
    if (row.revoked_at || row.expires_at.getTime() <= Date.now() || !row.is_active || row.is_deleted) {
      return { kind: 'invalid' as const };
    }
    await markRefreshTokenUsed(trx, row.id);
    return { kind: 'ok' as const, pair: await issueTokens(trx, row.user_id, row.session_id) };
  });
  if (outcome.kind === 'reused') {
    throw new AppError('unauthorized', 'Refresh token was already used; the session has been revoked');
  }
  if (outcome.kind === 'invalid') throw new AppError('unauthorized', 'Refresh token is not valid');
  return outcome.pair;
}

export async function revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await revokeSessionRow(db, sessionId, reason);
}

/** Ends a user's live sessions, all or all but the one the change came from. */
export async function revokeUserSessions(db: Db, userId: number, reason: string, opts: { at?: Date; exceptSessionId?: string } = {}): Promise<void> {
  await revokeUserSessionRows(db, userId, reason, opts.at ?? new Date(), opts.exceptSessionId);
}

/** The live user behind a session, or null when the session or user is no longer valid. */
export async function loadUserActor(db: Db, sessionId: string, userId: number): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const row = await findSessionUser(db, sessionId, userId);
  if (!row) return null;
  return {
    kind: 'user',
    userId: row.id,
    organizationId: row.organization_id,
    role: row.role,
    sessionId,
    name: row.name,
    email: row.email,
  };
}
