import { z } from 'zod';
import { findVisibleModule, listModuleVersions, listSiteModules, type SiteModuleFilters } from '@/db/queries/drupal/site-modules';
import { SITE_MODULE_STATUSES } from '@/db/types-domain/drupal';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { notFound } from '@/lib/core/errors';
import { paginationSchema, type Pagination } from '@/lib/http/pagination';
import { requireSite } from './sites';

// Absent stays absent here: "no filter" differs from "only false".
const optionalFlag = z.enum(['true', 'false', '1', '0']).optional().transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** GET /api/v1/sites/{site_id}/modules: paging and filters. */
export const siteModulesQuery = paginationSchema.extend({
  status: z.enum(SITE_MODULE_STATUSES).optional(),
  security_update: optionalFlag,
  update_available: optionalFlag,
  type: z.enum(['core', 'module', 'theme', 'custom']).optional(),
  q: z.string().trim().max(200).optional(),
});

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
