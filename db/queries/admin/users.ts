import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '@/db';
import { escapeLike } from '@/db/like';
import { offsetOf, type Page } from '@/db/paging';
import { inScope, type Scope } from '@/db/scope';
import type { UsersTable } from '@/db/types';

// Users, with their organisation's name. Every read takes the caller's Scope.

const userColumns = [
  'users.id',
  'users.uuid',
  'users.name',
  'users.email',
  'users.organization_id',
  'organizations.name as organization_name',
  'users.role',
  'users.is_active',
  'users.is_deleted',
  'users.created_at',
  'users.updated_at',
  'users.last_login',
  'users.notification_preferences',
] as const;

export type UserFilters = { q?: string; role?: string; organization_id?: number; include_deleted?: boolean };

export async function listUsers(db: Db, scope: Scope, filters: UserFilters, page: Page) {
  const base = db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .where(inScope(scope, 'users.organization_id'))
    .$if(!filters.include_deleted, (q) => q.where('users.is_deleted', '=', false))
    .$if(!!filters.role, (q) => q.where('users.role', '=', filters.role as never))
    .$if(filters.organization_id !== undefined, (q) => q.where('users.organization_id', '=', filters.organization_id!))
    .$if(!!filters.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('users.name', 'ilike', `%${escapeLike(filters.q!)}%`),
          eb('users.email', 'ilike', `%${escapeLike(filters.q!)}%`),
        ]),
      ),
    );
  const [rows, count] = await Promise.all([
    base.select(userColumns).orderBy('users.name').orderBy('users.id').limit(page.per_page).offset(offsetOf(page)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>['rows'][number];

export async function findUser(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .where('users.is_deleted', '=', false)
    .where(inScope(scope, 'users.organization_id'))
    .executeTakeFirst();
}

export async function emailTaken(db: Db, email: string, exceptUserId?: number) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .where('is_deleted', '=', false)
    .$if(exceptUserId !== undefined, (q) => q.where('id', '!=', exceptUserId!))
    .executeTakeFirst();
  return !!row;
}

export async function insertUser(db: Db, values: Insertable<UsersTable>): Promise<number> {
  const row = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Creates the live user with this e-mail (case-insensitive), or changes the
 * existing one with `onExisting`: start-up and demo accounts are kept, not
 * duplicated.
 */
export async function upsertUserByEmail(db: Db, values: Insertable<UsersTable>, onExisting: Updateable<UsersTable>): Promise<void> {
  await db
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.expression(sql`lower(email)`).where('is_deleted', '=', false).doUpdateSet(onExisting))
    .execute();
}

export async function updateUserRow(db: Db, id: number, changes: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}
