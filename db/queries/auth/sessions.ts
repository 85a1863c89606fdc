import { sql } from 'kysely';
import type { Db } from '@/db';

// Sign-in, sessions and refresh tokens. A session is live while it is not
// revoked, not expired, and its user and organisation are active.

/** The active account with this e-mail (lower-cased), for a password check. */
export async function findSignInAccount(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.hashed_password', 'users.email', 'users.name', 'users.role', 'users.organization_id'])
    .where(sql`lower(users.email)`, '=', email)
    .where('users.is_deleted', '=', false)
    .where('users.is_active', '=', true)
    .where('organizations.is_deleted', '=', false)
    .where('organizations.is_active', '=', true)
    .executeTakeFirst();
}

export async function recordLastLogin(db: Db, userId: number, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login: at }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Db,
  values: { user_id: number; kind: 'browser' | 'api'; expires_at: Date; ip: string | null; user_agent: string | null },
): Promise<string> {
  const row = await db.insertInto('auth_sessions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRefreshToken(db: Db, values: { session_id: string; token_hash: string; expires_at: Date }): Promise<void> {
  await db.insertInto('refresh_tokens').values(values).execute();
}

/** A refresh token with its session and user, locked until the transaction ends. */
export async function findRefreshTokenForUpdate(db: Db, tokenHash: string) {
  return db
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
}

export async function markRefreshTokenUsed(db: Db, id: number): Promise<void> {
  await db.updateTable('refresh_tokens').set({ used_at: new Date() }).where('id', '=', id).execute();
}

/** Revokes one live session. */
export async function revokeSessionRow(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes a user's live sessions, all or all but one. */
export async function revokeUserSessionRows(db: Db, userId: number, reason: string, at: Date, exceptSessionId?: string): Promise<void> {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(exceptSessionId !== undefined, (q) => q.where('id', '!=', exceptSessionId!))
    .execute();
}

/** The user of a live session, or undefined. */
export async function findSessionUser(db: Db, sessionId: string, userId: number) {
  return db
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
}
