import { sql } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { offsetOf, type Page } from '@/db/paging';

// Organisations, users and API keys. Every read takes the caller's Scope.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOrganizationDto(row: {
  id: number;
  uuid: string;
  name: string;
  tax_id: string | null;
  is_home: boolean;
  is_active: boolean;
  is_deleted: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: number | null;
  updated_by: number | null;
  deleted_at: Date | null;
}) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    tax_id: row.tax_id,
    is_home: row.is_home,
    is_active: row.is_active,
    is_deleted: row.is_deleted,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    created_by: row.created_by,
    updated_by: row.updated_by,
    deleted_at: iso(row.deleted_at),
  };
}
export type OrganizationDto = ReturnType<typeof toOrganizationDto>;

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
  return { rows: rows.map(toOrganizationDto), total: Number(count.n) };
}

export async function findOrganization(db: Db, scope: Scope, id: number, opts: { includeDeleted?: boolean } = {}) {
  const row = await db
    .selectFrom('organizations')
    .select(organizationColumns)
    .where('organizations.id', '=', id)
    .where(inScope(scope, 'organizations.id'))
    .$if(!opts.includeDeleted, (q) => q.where('organizations.is_deleted', '=', false))
    .executeTakeFirst();
  return row ? toOrganizationDto(row) : undefined;
}

/** Names of live organisations for pickers, within scope. */
export async function listOrganizationChoices(db: Db, scope: Scope) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where(inScope(scope, 'organizations.id'))
    .where('is_deleted', '=', false)
    .orderBy('is_home', 'desc')
    .orderBy('name')
    .execute();
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

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

type UserRow = {
  id: number;
  uuid: string;
  name: string;
  email: string;
  organization_id: number;
  organization_name: string;
  role: string;
  is_active: boolean;
  is_deleted: boolean;
  created_at: Date;
  updated_at: Date;
  last_login: Date | null;
  notification_preferences: unknown;
};

export function toUserDto(row: UserRow) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    email: row.email,
    organization_id: row.organization_id,
    organization: { id: row.organization_id, name: row.organization_name },
    role: row.role,
    is_active: row.is_active,
    is_deleted: row.is_deleted,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_login: iso(row.last_login),
    notification_preferences: (row.notification_preferences ?? {}) as Record<string, unknown>,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

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
  return { rows: rows.map(toUserDto), total: Number(count.n) };
}

export async function findUser(db: Db, scope: Scope, id: number) {
  const row = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .where('users.is_deleted', '=', false)
    .where(inScope(scope, 'users.organization_id'))
    .executeTakeFirst();
  return row ? toUserDto(row) : undefined;
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

const apiKeyColumns = [
  'api_keys.id',
  'api_keys.uuid',
  'api_keys.name',
  'api_keys.prefix',
  'api_keys.organization_id',
  'organizations.name as organization_name',
  'api_keys.role',
  'api_keys.site_id',
  'sites.name as site_name',
  'api_keys.created_by',
  'api_keys.created_at',
  'api_keys.last_used_at',
  'api_keys.revoked_at',
] as const;

type ApiKeyRow = {
  id: number;
  uuid: string;
  name: string;
  prefix: string;
  organization_id: number;
  organization_name: string;
  role: string;
  site_id: number | null;
  site_name: string | null;
  created_by: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export function toApiKeyDto(row: ApiKeyRow) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    prefix: row.prefix,
    organization_id: row.organization_id,
    organization_name: row.organization_name,
    role: row.role,
    site_id: row.site_id,
    site_name: row.site_name,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    is_revoked: row.revoked_at !== null,
  };
}
export type ApiKeyDto = ReturnType<typeof toApiKeyDto>;

export async function listApiKeys(
  db: Db,
  scope: Scope,
  filters: { include_revoked?: boolean; organization_id?: number; site_id?: number },
  page: Page,
) {
  const base = db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .leftJoin('sites', 'sites.id', 'api_keys.site_id')
    .where(inScope(scope, 'api_keys.organization_id'))
    .$if(!filters.include_revoked, (q) => q.where('api_keys.revoked_at', 'is', null))
    .$if(filters.organization_id !== undefined, (q) => q.where('api_keys.organization_id', '=', filters.organization_id!))
    .$if(filters.site_id !== undefined, (q) => q.where('api_keys.site_id', '=', filters.site_id!));
  const [rows, count] = await Promise.all([
    base.select(apiKeyColumns).orderBy('api_keys.created_at', 'desc').orderBy('api_keys.id', 'desc').limit(page.per_page).offset(offsetOf(page)).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toApiKeyDto), total: Number(count.n) };
}

export async function findApiKey(db: Db, scope: Scope, id: number) {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .leftJoin('sites', 'sites.id', 'api_keys.site_id')
    .select(apiKeyColumns)
    .where('api_keys.id', '=', id)
    .where(inScope(scope, 'api_keys.organization_id'))
    .executeTakeFirst();
  return row ? toApiKeyDto(row) : undefined;
}

export async function findLiveSite(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('sites')
    .select(['id', 'organization_id', 'name', 'url'])
    .where('id', '=', id)
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'sites.organization_id'))
    .executeTakeFirst();
}
