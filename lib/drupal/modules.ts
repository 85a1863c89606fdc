import { findVisibleModule, listModuleVersions, listSiteModules, type SiteModuleFilters } from '@/db/queries/drupal/site-modules';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { requireSite } from './sites';

export async function listSiteModulesFor(ctx: RequestContext, siteId: number, filters: SiteModuleFilters, page: Pagination) {
  await requireSite(ctx, siteId, 'site:read');
  return listSiteModules(ctx.db, siteId, filters, page);
}

export async function listModuleVersionsFor(ctx: RequestContext, moduleId: number, page: Pagination) {
  authorize(ctx.actor, 'site:read');
  const scope = scopeOf(ctx.actor);
  const project = await findVisibleModule(ctx.db, moduleId, scope);
  if (!project) throw notFound('Module');
  return { module: project, ...(await listModuleVersions(ctx.db, moduleId, scope, page)) };
}
