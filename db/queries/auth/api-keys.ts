import { sql } from 'kysely';
import type { Db } from '@/db';

/** The live key with this hash, in an active organisation, with whether its site is deleted. */
export async function findApiKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .leftJoin('sites', 'sites.id', 'api_keys.site_id')
    .select([
      'api_keys.id',
      'api_keys.name',
      'api_keys.organization_id',
      'api_keys.role',
      'api_keys.site_id',
      'api_keys.last_used_at',
      'sites.is_deleted as site_deleted',
    ])
    .where('api_keys.key_hash', '=', keyHash)
    .where('api_keys.revoked_at', 'is', null)
    .where('organizations.is_deleted', '=', false)
    .where('organizations.is_active', '=', true)
    .executeTakeFirst();
}

export async function recordApiKeyUse(db: Db, id: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
