import { sql } from 'kysely';
import type { Db } from '@/db';

// Removing soft-deleted records for good, once they are older than the
// cutoff. The caller runs these in one transaction, in this order.

/** Organisations deleted before the cutoff. */
export async function listPurgeableOrganizationIds(db: Db, cutoff: Date): Promise<number[]> {
  const rows = await db.selectFrom('organizations').select('id').where('is_deleted', '=', true).where('deleted_at', '<', cutoff).execute();
  return rows.map((r) => r.id);
}

/** Rows of `table` deleted before the cutoff, and every row of the purged organisations. */
export async function listPurgeableIds(db: Db, table: 'sites' | 'users', cutoff: Date, organizationIds: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('is_deleted', '=', true), eb('deleted_at', '<', cutoff)]),
        ...(organizationIds.length ? [eb('organization_id', 'in', organizationIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Keys of the purged organisations and sites. Returns how many went. */
export async function deleteApiKeysOf(db: Db, organizationIds: number[], siteIds: number[]): Promise<number> {
  const result = await db
    .deleteFrom('api_keys')
    .where((eb) =>
      eb.or([
        ...(siteIds.length ? [eb('site_id', 'in', siteIds)] : []),
        ...(organizationIds.length ? [eb('organization_id', 'in', organizationIds)] : []),
        sql<boolean>`false`,
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes users with their sessions, first clearing their name from the keys they created or revoked. */
export async function deleteUsers(db: Db, userIds: number[]): Promise<void> {
  if (!userIds.length) return;
  await db.updateTable('api_keys').set({ created_by: null }).where('created_by', 'in', userIds).execute();
  await db.updateTable('api_keys').set({ revoked_by: null }).where('revoked_by', 'in', userIds).execute();
  await db.deleteFrom('auth_sessions').where('user_id', 'in', userIds).execute();
  await db.deleteFrom('users').where('id', 'in', userIds).execute();
}

export async function deleteSites(db: Db, siteIds: number[]): Promise<void> {
  if (siteIds.length) await db.deleteFrom('sites').where('id', 'in', siteIds).execute();
}

export async function deleteOrganizations(db: Db, organizationIds: number[]): Promise<void> {
  if (organizationIds.length) await db.deleteFrom('organizations').where('id', 'in', organizationIds).execute();
}

/** Sessions that expired or were revoked before `before`. Returns how many went. */
export async function deleteEndedSessions(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('auth_sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
