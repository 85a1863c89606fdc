import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';

// Which sites run which version of a project, within the caller's scope.
export async function listProjectSites(db: Db, moduleId: number, scope: Scope) {
  const rows = await db
    .selectFrom('site_modules as sm')
    .innerJoin('sites as s', 's.id', 'sm.site_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select([
      's.id as site_id',
      's.name as site_name',
      's.url as site_url',
      'o.name as organization_name',
      'sm.current_version',
      'sm.status',
      'sm.security_update',
      'sm.update_available',
      'sm.recommended_version',
    ])
    .where('sm.module_id', '=', moduleId)
    .where('sm.removed_at', 'is', null)
    .where('s.is_deleted', '=', false)
    .where(inScope(scope, 's.organization_id'))
    .orderBy('sm.security_update', 'desc')
    .orderBy('sm.current_version')
    .orderBy('s.name')
    .execute();
  return rows;
}
