import { sql, type Updateable } from 'kysely';
import type { Db } from '@/db';
import { escapeLike } from '@/db/like';
import { offsetOf, type Page } from '@/db/paging';
import { inScope, type Scope } from '@/db/scope';
import type { OrganizationsTable } from '@/db/types';

// Organisations. Every read takes the caller's Scope. Deleting one cascades to
// the rows it owns (users, sites, API keys, sessions), in the caller's transaction.

const organizationColumns = [
  'organizations.id',
  'organizations.uuid',
  'organizations.name',
  'organizations.tax_id',
  'organizations.is_home',
  'organizations.is_active',
  'organizations.is_deleted',
  'organizations.created_at',
  'organizations.updated_at',
  'organizations.created_by',
  'organizations.updated_by',
  'organizations.deleted_at',
] as const;

export type OrganizationFilters = { q?: string; include_deleted?: boolean };

export async function listOrganizations(db: Db, scope: Scope, filters: OrganizationFilters, page: Page) {
  const base = db
    .selectFrom('organizations')
    .where(inScope(scope, 'organizations.id'))
    .$if(!filters.include_deleted, (q) => q.where('organizations.is_deleted', '=', false))
    .$if(!!filters.q, (q) => q.where('organizations.name', 'ilike', `%${escapeLike(filters.q!)}%`));
  const [rows, count] = await Promise.all([
    base
      .select(organizationColumns)
      .orderBy('organizations.is_home', 'desc')
      .orderBy('organizations.name')
      .orderBy('organizations.id')
      .limit(page.per_page)
      .offset(offsetOf(page))
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>['rows'][number];

export async function findOrganization(db: Db, scope: Scope, id: number, opts: { includeDeleted?: boolean } = {}) {
  return db
    .selectFrom('organizations')
    .select(organizationColumns)
    .where('organizations.id', '=', id)
    .where(inScope(scope, 'organizations.id'))
    .$if(!opts.includeDeleted, (q) => q.where('organizations.is_deleted', '=', false))
    .executeTakeFirst();
}

/** True once any organisation exists (a fresh database has none). */
export async function hasOrganizations(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst());
}

export async function findHomeOrganizationId(db: Db): Promise<number | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select('id')
    .where('is_home', '=', true)
    .where('is_deleted', '=', false)
    .executeTakeFirst();
  return row?.id;
}

/** Creates the home organisation, or marks the live one of that name as home. */
export async function insertHomeOrganization(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('organizations')
    .values({ name, is_home: true })
    .onConflict((oc) => oc.expression(sql`lower(name)`).where('is_deleted', '=', false).doUpdateSet({ is_home: true }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The live organisation of that name (case-insensitive), created when missing. */
export async function ensureOrganizationNamed(db: Db, name: string): Promise<number> {
  const found = await db
    .selectFrom('organizations')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('is_deleted', '=', false)
    .executeTakeFirst();
  return found?.id ?? (await db.insertInto('organizations').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertOrganization(db: Db, values: { name: string; tax_id: string | null; created_by: number | null }): Promise<number> {
  const row = await db
    .insertInto('organizations')
    .values({ ...values, updated_by: values.created_by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOrganizationRow(db: Db, id: number, changes: Updateable<OrganizationsTable>): Promise<void> {
  await db.updateTable('organizations').set(changes).where('id', '=', id).execute();
}

/** Keeps a copy of the organisation as it is after a change. */
export async function insertOrganizationRevision(
  db: Db,
  values: { organization_id: number; created_by: number | null; modified_by: number | null; snapshot: unknown },
): Promise<void> {
  await db
    .insertInto('organization_revisions')
    .values({ ...values, snapshot: JSON.stringify(values.snapshot) })
    .execute();
}

/**
 * Soft-deletes an organisation and deactivates what it owns: its users (and
 * their sessions), its sites (the tenancy tables of the foundation schema)
 * and its API keys. Returns how many of each were live.
 */
export async function softDeleteOrganizationCascade(db: Db, id: number, by: number | null, now: Date) {
  await db
    .updateTable('organizations')
    .set({ is_deleted: true, is_active: false, deleted_at: now, updated_at: now, updated_by: by })
    .where('id', '=', id)
    .execute();
  const users = await db
    .updateTable('users')
    .set({ is_active: false, updated_at: now })
    .where('organization_id', '=', id)
    .where('is_active', '=', true)
    .returning('id')
    .execute();
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: now, revoked_reason: 'organization_deleted' })
    .where('revoked_at', 'is', null)
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('users.id').where('users.organization_id', '=', id))
    .execute();
  const sites = await db
    .updateTable('sites')
    .set({ is_active: false, updated_at: now })
    .where('organization_id', '=', id)
    .where('is_active', '=', true)
    .returning('id')
    .execute();
  const keys = await db
    .updateTable('api_keys')
    .set({ revoked_at: now, revoked_by: by })
    .where('organization_id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return { users: users.length, sites: sites.length, apiKeys: keys.length };
}
