import type { Insertable } from 'kysely';
import type { Db } from '@/db';
import { offsetOf, type Page } from '@/db/paging';
import { inScope, type Scope } from '@/db/scope';
import type { ApiKeysTable } from '@/db/types';

// API keys as administrators manage them (never their secret or hash), with
// the organisation and the site a key may be bound to.

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

export type ApiKeyFilters = { include_revoked?: boolean; organization_id?: number; site_id?: number };

export async function listApiKeys(db: Db, scope: Scope, filters: ApiKeyFilters, page: Page) {
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
  return { rows, total: Number(count.n) };
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>['rows'][number];

export async function findApiKey(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .leftJoin('sites', 'sites.id', 'api_keys.site_id')
    .select(apiKeyColumns)
    .where('api_keys.id', '=', id)
    .where(inScope(scope, 'api_keys.organization_id'))
    .executeTakeFirst();
}

export async function insertApiKey(db: Db, values: Insertable<ApiKeysTable>): Promise<number> {
  const row = await db.insertInto('api_keys').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function markApiKeyRevoked(db: Db, id: number, by: number | null): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: new Date(), revoked_by: by }).where('id', '=', id).execute();
}

// A key may be bound to one site (a row of the foundation schema's sites table).

export async function findLiveSite(db: Db, scope: Scope, id: number) {
  return db
    .selectFrom('sites')
    .select(['id', 'organization_id', 'name', 'url'])
    .where('id', '=', id)
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'sites.organization_id'))
    .executeTakeFirst();
}

/** Sites a new key may be bound to, within scope. */
export async function listSiteChoices(db: Db, scope: Scope) {
  return db
    .selectFrom('sites')
    .select(['id', 'name', 'organization_id'])
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'sites.organization_id'))
    .orderBy('name')
    .execute();
}
