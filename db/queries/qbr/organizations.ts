import type { Db } from '@/db';
import { inScope, type Scope } from '@/db/scope';

// The organisations a QBR is about: the MSP itself (the home organisation)
// and its clients. Deleted organisations are never shown.

export type QbrOrganizationRow = { id: number; name: string; is_home: boolean };

export async function homeOrganization(db: Db): Promise<QbrOrganizationRow | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_home', '=', true)
    .where('is_deleted', '=', false)
    .executeTakeFirst();
}

/** Live organisations the scope may see, the home organisation first. */
export async function listQbrOrganizations(db: Db, scope: Scope): Promise<QbrOrganizationRow[]> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'organizations.id'))
    .orderBy('is_home', 'desc')
    .orderBy('name')
    .execute();
}

export async function findQbrOrganization(db: Db, id: number): Promise<QbrOrganizationRow | undefined> {
  return db.selectFrom('organizations').select(['id', 'name', 'is_home']).where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst();
}

/** Which of the ids name a live organisation. */
export async function liveOrganizationIds(db: Db, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organizations').select('id').where('id', 'in', ids).where('is_deleted', '=', false).execute();
  return rows.map((r) => r.id);
}

/** Live organisations with one of the names. */
export async function liveOrganizationsNamed(db: Db, names: readonly string[]): Promise<{ id: number; name: string }[]> {
  if (names.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('name', 'in', names).where('is_deleted', '=', false).execute();
}
