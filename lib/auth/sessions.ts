import { sql } from 'kysely';
import type { Db } from '@/db';
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

  const user = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.hashed_password', 'users.email', 'users.name', 'users.role', 'users.organization_id'])
    .where(sql`lower(users.email)`, '=', accountKey)
    .where('users.is_deleted', '=', false)
    .where('users.is_active', '=', true)
    .where('organizations.is_deleted', '=', false)
    .where('organizations.is_active', '=', true)
    .executeTakeFirst();

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
  await db.updateTable('users').set({ last_login: new Date() }).where('id', '=', user.id).execute();
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
  const row = await db
    .insertInto('auth_sessions')
    .values({
      user_id: userId,
      kind,
      expires_at: new Date(Date.now() + ttl * 1000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function issueTokens(db: Db, userId: number, sessionId: string): Promise<TokenPair> {
  const refresh = newRefreshToken();
  await db
    .insertInto('refresh_tokens')
    .values({
      session_id: sessionId,
      token_hash: refresh.hash,
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    })
    .execute();
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
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('auth_sessions', 'auth_sessions.id', 'refresh_tokens.session_id')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .select([
        'refresh_tokens.id',
        'refresh_tokens.used_at',
        'refresh_tokens.expires_at',
        'auth_sessions.id as session_id',
        'auth_sessions.revoked_at',
        'auth_sessions.user_id',
        'users.organization_id',
        'users.is_active',
        'users.is_deleted',
      ])
      .where('refresh_tokens.token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { kind: 'invalid' as const };
    if (row.used_at) {
      await trx
        .updateTable('auth_sessions')
        .set({ revoked_at: new Date(), revoked_reason: 'refresh_token_reuse' })
        .where('id', '=', row.session_id)
        .where('revoked_at', 'is', null)
        .execute();
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
    await trx.updateTable('refresh_tokens').set({ used_at: new Date() }).where('id', '=', row.id).execute();
    return { kind: 'ok' as const, pair: await issueTokens(trx, row.user_id, row.session_id) };
  });
  if (outcome.kind === 'reused') {
    throw new AppError('unauthorized', 'Refresh token was already used; the session has been revoked');
  }
  if (outcome.kind === 'invalid') throw new AppError('unauthorized', 'Refresh token is not valid');
  return outcome.pair;
}

export async function revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The live user behind a session, or null when the session or user is no longer valid. */
export async function loadUserActor(db: Db, sessionId: string, userId: number): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const row = await db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.organization_id', 'users.role', 'users.name', 'users.email'])
    .where('auth_sessions.id', '=', sessionId)
    .where('auth_sessions.user_id', '=', userId)
    .where('auth_sessions.revoked_at', 'is', null)
    .where('auth_sessions.expires_at', '>', new Date())
    .where('users.is_active', '=', true)
    .where('users.is_deleted', '=', false)
    .where('organizations.is_deleted', '=', false)
    .where('organizations.is_active', '=', true)
    .executeTakeFirst();
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
