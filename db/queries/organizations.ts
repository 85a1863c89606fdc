import type { Db } from '@/db';
import { inScope, type Scope } from '@/db/scope';

// Organisations as every slice names them (choices in forms, mapping
// targets); managing them is the admin slice's (db/queries/admin).

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
