import { z } from 'zod';
import { listProjectSites } from '@/db/queries/drupal/projects';
import { findVisibleModule, listModuleVersions, listSiteHistory, listSiteModules, type SiteModuleFilters } from '@/db/queries/drupal/site-modules';
import { SITE_MODULE_STATUSES } from '@/db/types-domain/drupal';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { notFound } from '@/lib/core/errors';
import { paginationSchema, type Pagination } from '@/lib/http/pagination';
import { moduleVersionDtoOf, siteHistoryDtoOf, siteModuleDtoOf } from './dto';
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
  const { rows, total } = await listSiteModules(ctx.db, siteId, filters, page);
  return { rows: rows.map(siteModuleDtoOf), total };
}

export async function listModuleVersionsFor(ctx: RequestContext, moduleId: number, page: Pagination) {
  authorize(ctx.actor, 'site:read');
  const scope = scopeOf(ctx.actor);
  const project = await findVisibleModule(ctx.db, moduleId, scope);
  if (!project) throw notFound('Module');
  const { rows, total } = await listModuleVersions(ctx.db, moduleId, scope, page);
  return { module: project, total, rows: rows.map(moduleVersionDtoOf) };
}

/** A site's version timeline, newest first: one entry per run of a module at a version. */
export async function listSiteHistoryFor(ctx: RequestContext, siteId: number, opts: { limit: number }) {
  await requireSite(ctx, siteId, 'site:read');
  return (await listSiteHistory(ctx.db, siteId, opts)).map(siteHistoryDtoOf);
}

/** Which of the caller's sites run a project now, at which version. */
export async function listProjectSitesFor(ctx: RequestContext, moduleId: number) {
  authorize(ctx.actor, 'site:read');
  return listProjectSites(ctx.db, moduleId, scopeOf(ctx.actor));
}
