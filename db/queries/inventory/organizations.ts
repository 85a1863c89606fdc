import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';

// Our organisations as the inventory reads them: the ones a caller may see
// (filter lists, the organisation pages), and every one for name matching.

/** Our organisations the caller may see, for filter lists. */
export async function listVisibleOrganizations(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'id'))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, is_home: r.is_home }));
}

/** An organisation the caller may see, or undefined. */
export async function findVisibleOrganization(db: Db, scope: Scope, id: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'is_home']).where('id', '=', id).where('is_deleted', '=', false).where(inScope(scope, 'id')).executeTakeFirst();
}

/** Every organisation of ours, for proposing matches to vendor organisations by name. */
export async function listOrganizationNames(db: Db) {
  return db.selectFrom('organizations').select(['id', 'name']).where('is_deleted', '=', false).execute();
}

/** Whether the organisation exists (and is not deleted). */
export async function organizationExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst()) !== undefined;
}

/** Ids of our (not deleted) organisations with these names. */
export async function organizationIdsNamed(db: Db, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('organizations').select('id').where('name', 'in', [...names]).where('is_deleted', '=', false).execute();
  return rows.map((r) => r.id);
}
