import { sql } from 'kysely';
import type { Db } from '@/db';
import { offsetOf, type Page } from '@/db/paging';
import type { SiteModuleStatus } from '@/db/types-domain/drupal';

// A site's modules with their verdicts, security first; and a module's
// versions. Callers authorise the site before calling these.

/** True while an accepted risk has not expired. */
const riskAcceptedSql = sql<boolean>`coalesce(sm.accepted_risk_expires_at > now(), false)`;

/** Security first (unless accepted), then other updates, then the rest by name. */
const securityFirstOrder = sql`
  case when sm.security_update and not coalesce(sm.accepted_risk_expires_at > now(), false) then 0
       when sm.security_update then 1
       when sm.update_available then 2
       when sm.status in ('revoked', 'not_supported') then 3
       when sm.status in ('unknown', 'not_fetched') then 4
       else 5 end`;

export type SiteModuleFilters = {
  status?: SiteModuleStatus;
  security_update?: boolean;
  update_available?: boolean;
  type?: 'core' | 'module' | 'theme' | 'custom';
  q?: string;
};

function siteModulesQuery(db: Db, siteId: number) {
  return db
    .selectFrom('site_modules as sm')
    .innerJoin('modules as m', 'm.id', 'sm.module_id')
    .leftJoin('module_release_caches as rc', 'rc.module_id', 'sm.module_id')
    .leftJoin('users as ru', 'ru.id', 'sm.accepted_risk_by')
    .where('sm.site_id', '=', siteId)
    .where('sm.removed_at', 'is', null);
}

export async function listSiteModules(db: Db, siteId: number, filters: SiteModuleFilters, page: Page) {
  let q = siteModulesQuery(db, siteId);
  if (filters.status) q = q.where('sm.status', '=', filters.status);
  if (filters.security_update !== undefined) q = q.where('sm.security_update', '=', filters.security_update);
  if (filters.update_available !== undefined) q = q.where('sm.update_available', '=', filters.update_available);
  if (filters.type) q = q.where('sm.type', '=', filters.type);
  if (filters.q) q = q.where('m.module_name', 'ilike', `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'sm.id',
      'sm.site_id',
      'sm.module_id',
      'm.module_name',
      'm.title',
      'm.drupal_link',
      'sm.current_version',
      'sm.type',
      'sm.enabled',
      'sm.extensions',
      'sm.status',
      'sm.status_reason',
      'sm.update_available',
      'sm.security_update',
      'sm.recommended_version',
      'sm.latest_version',
      'sm.security_releases',
      'sm.verdict_at',
      'sm.first_seen',
      'sm.last_seen',
      'sm.accepted_risk_reason',
      'sm.accepted_risk_expires_at',
      'sm.accepted_risk_at',
      'ru.email as accepted_risk_by',
      'rc.fetched_at',
      'rc.last_error',
      'rc.fetch_status',
    ])
    .select(riskAcceptedSql.as('risk_accepted'))
    .orderBy(securityFirstOrder)
    .orderBy('m.module_name')
    .limit(page.per_page)
    .offset(offsetOf(page))
    .execute();
  return { total: Number(total.n), rows };
}
export type SiteModuleRow = Awaited<ReturnType<typeof listSiteModules>>['rows'][number];

/** Run-length version history of a site's modules, newest first (the timeline). */
export async function listSiteHistory(db: Db, siteId: number, opts: { moduleId?: number; limit?: number } = {}) {
  const rows = await db
    .selectFrom('site_module_history as h')
    .innerJoin('modules as m', 'm.id', 'h.module_id')
    .select(['h.id', 'h.module_id', 'm.module_name', 'h.version', 'h.previous_version', 'h.first_seen', 'h.last_seen', 'h.report_id'])
    .where('h.site_id', '=', siteId)
    .$if(opts.moduleId !== undefined, (q) => q.where('h.module_id', '=', opts.moduleId!))
    .orderBy('h.first_seen', 'desc')
    .orderBy('h.id', 'desc')
    .limit(opts.limit ?? 200)
    .execute();
  return rows;
}
export type SiteHistoryRow = Awaited<ReturnType<typeof listSiteHistory>>[number];

/** A module's known versions (from release data and reports), newest release first. */
export async function listModuleVersions(db: Db, moduleId: number, scope: { organizationId: number | null }, page: Page) {
  const base = db.selectFrom('module_versions as v').where('v.module_id', '=', moduleId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('site_modules as sm')
          .innerJoin('sites as s', 's.id', 'sm.site_id')
          .where('s.is_deleted', '=', false)
          .where('sm.removed_at', 'is', null)
          .$if(scope.organizationId !== null, (q) => q.where('s.organization_id', '=', scope.organizationId!))
          .select((e) => ['sm.current_version_id', e.fn.countAll<number>().as('site_count')])
          .groupBy('sm.current_version_id')
          .as('usage'),
      (join) => join.onRef('usage.current_version_id', '=', 'v.id'),
    )
    .select([
      'v.id',
      'v.module_id',
      'v.version_number',
      'v.release_date',
      'v.is_published',
      'v.is_security_release',
      'v.is_insecure',
      'v.is_unsupported',
      'v.release_types',
      'v.core_compatibility',
      'v.release_link',
      'usage.site_count',
    ])
    .orderBy(sql`v.release_date desc nulls last`)
    .orderBy('v.id', 'desc')
    .limit(page.per_page)
    .offset(offsetOf(page))
    .execute();
  return { total: Number(total.n), rows };
}
export type ModuleVersionRow = Awaited<ReturnType<typeof listModuleVersions>>['rows'][number];

/** The module, if the scope runs (or ran) it somewhere; modules are shared, custom names are not. */
export async function findVisibleModule(db: Db, moduleId: number, scope: { organizationId: number | null }) {
  return db
    .selectFrom('modules as m')
    .select(['m.id', 'm.module_name', 'm.title', 'm.drupal_link'])
    .where('m.id', '=', moduleId)
    .$if(scope.organizationId !== null, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('site_modules as sm')
            .innerJoin('sites as s', 's.id', 'sm.site_id')
            .select('sm.id')
            .whereRef('sm.module_id', '=', 'm.id')
            .where('s.organization_id', '=', scope.organizationId!)
            .where('s.is_deleted', '=', false),
        ),
      ),
    )
    .executeTakeFirst();
}

/** One site module with its project and accepted risk (unscoped: the caller authorises its site). */
export async function findSiteModule(db: Db, id: number) {
  return db
    .selectFrom('site_modules')
    .innerJoin('modules', 'modules.id', 'site_modules.module_id')
    .select([
      'site_modules.id',
      'site_modules.site_id',
      'modules.module_name',
      'site_modules.current_version',
      'site_modules.accepted_risk_reason',
      'site_modules.accepted_risk_expires_at',
    ])
    .where('site_modules.id', '=', id)
    .executeTakeFirst();
}

/** Records (or, with null, clears) the accepted risk of a site module. */
export async function setAcceptedRisk(db: Db, id: number, risk: { reason: string; expiresAt: Date; by: number | null; at: Date } | null): Promise<void> {
  await db
    .updateTable('site_modules')
    .set({
      accepted_risk_reason: risk?.reason ?? null,
      accepted_risk_expires_at: risk?.expiresAt ?? null,
      accepted_risk_by: risk?.by ?? null,
      accepted_risk_at: risk?.at ?? null,
    })
    .where('id', '=', id)
    .execute();
}
