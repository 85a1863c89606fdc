import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { offsetOf, type Page } from '@/db/paging';
import type { SitesTable } from '@/db/types';

// Drupal sites with their module counts. Every read takes the caller's Scope;
// `siteId` narrows it further for API keys bound to one site.

export type SiteScope = Scope & { siteId?: number | null };

export type SiteFilters = {
  organization_id?: number;
  q?: string;
  /** Only sites with at least one security update. */
  has_security?: boolean;
  sort?: 'name' | 'worst';
};

function siteQuery(db: Db, scope: SiteScope, opts: { includeDeleted?: boolean } = {}) {
  return db
    .selectFrom('sites')
    .innerJoin('organizations', 'organizations.id', 'sites.organization_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('site_modules')
          .where('site_modules.removed_at', 'is', null)
          .select((e) => [
            'site_modules.site_id',
            e.fn.countAll<number>().as('module_count'),
            sql<number>`count(*) filter (where site_modules.security_update and site_modules.type <> 'custom' and not ${riskAccepted})`.as(
              'security_updates',
            ),
            sql<number>`count(*) filter (where site_modules.update_available and not site_modules.security_update)`.as('other_updates'),
            sql<number>`count(*) filter (where site_modules.security_update and ${riskAccepted})`.as('accepted_risks'),
            sql<number>`count(*) filter (where site_modules.status in ('not_fetched', 'unknown'))`.as('unchecked'),
          ])
          .groupBy('site_modules.site_id')
          .as('counts'),
      (join) => join.onRef('counts.site_id', '=', 'sites.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('module_reports')
          .select((e) => [
            'module_reports.site_id',
            e.fn.max('module_reports.received_at').as('last_report_at'),
            sql<number>`count(*) filter (where module_reports.status = 'pending')`.as('pending_reports'),
          ])
          .groupBy('module_reports.site_id')
          .as('reports'),
      (join) => join.onRef('reports.site_id', '=', 'sites.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('site_modules')
          .innerJoin('modules', 'modules.id', 'site_modules.module_id')
          .where('modules.module_name', '=', 'drupal')
          .where('site_modules.removed_at', 'is', null)
          .select(['site_modules.site_id', 'site_modules.current_version as core_version'])
          .as('core'),
      (join) => join.onRef('core.site_id', '=', 'sites.id'),
    )
    .select([
      'sites.id',
      'sites.uuid',
      'sites.url',
      'sites.name',
      'sites.description',
      'sites.organization_id',
      'organizations.name as organization_name',
      'sites.created_at',
      'sites.updated_at',
      'sites.created_by',
      'sites.updated_by',
      'sites.is_active',
      'sites.is_deleted',
      'sites.deleted_at',
      'counts.module_count',
      'counts.security_updates',
      'counts.other_updates',
      'counts.accepted_risks',
      'counts.unchecked',
      'reports.last_report_at',
      'reports.pending_reports',
      'core.core_version',
    ])
    .where(inScope(scope, 'sites.organization_id'))
    .$if(scope.siteId != null, (q) => q.where('sites.id', '=', scope.siteId!))
    .$if(!opts.includeDeleted, (q) => q.where('sites.is_deleted', '=', false));
}

const riskAccepted = sql`coalesce(site_modules.accepted_risk_expires_at > now(), false)`;

type RawSiteRow = Awaited<ReturnType<ReturnType<typeof siteQuery>['executeTakeFirstOrThrow']>>;

/** Counts arrive as bigint strings, or null for a site without modules or reports: numbers here. */
function siteRowOf(row: RawSiteRow) {
  return {
    ...row,
    core_version: row.core_version ?? null,
    last_report_at: row.last_report_at ? new Date(row.last_report_at as unknown as string) : null,
    pending_reports: Number(row.pending_reports ?? 0),
    module_count: Number(row.module_count ?? 0),
    security_updates: Number(row.security_updates ?? 0),
    other_updates: Number(row.other_updates ?? 0),
    accepted_risks: Number(row.accepted_risks ?? 0),
    unchecked: Number(row.unchecked ?? 0),
  };
}
export type SiteRow = ReturnType<typeof siteRowOf>;

export async function listSites(db: Db, scope: SiteScope, filters: SiteFilters, page: Page) {
  let q = siteQuery(db, scope);
  if (filters.organization_id !== undefined) q = q.where('sites.organization_id', '=', filters.organization_id);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('sites.name', 'ilike', like), eb('sites.url', 'ilike', like)]));
  }
  if (filters.has_security) q = q.where(sql<boolean>`coalesce(counts.security_updates, 0) > 0`);
  const total = await db
    .selectFrom(q.as('filtered'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const ordered =
    filters.sort === 'worst'
      ? q
          .orderBy(sql`coalesce(counts.security_updates, 0)`, 'desc')
          .orderBy(sql`coalesce(counts.other_updates, 0)`, 'desc')
          .orderBy('sites.name')
      : q.orderBy('organizations.name').orderBy('sites.name');
  const rows = await ordered.orderBy('sites.id').limit(page.per_page).offset(offsetOf(page)).execute();
  return { rows: rows.map(siteRowOf), total: Number(total.n) };
}

export async function findSite(db: Db, scope: SiteScope, id: number, opts: { includeDeleted?: boolean } = {}) {
  const row = await siteQuery(db, scope, opts).where('sites.id', '=', id).executeTakeFirst();
  return row ? siteRowOf(row) : undefined;
}

/** The bare site row for authorisation (no counts); live sites only. */
export async function findSiteOwner(db: Db, id: number) {
  return db
    .selectFrom('sites')
    .select(['id', 'organization_id', 'name', 'url', 'is_active'])
    .where('id', '=', id)
    .where('is_deleted', '=', false)
    .executeTakeFirst();
}

/** Every live site's id, URL and organisation (no scope: for the system's own jobs). */
export async function listLiveSites(db: Db) {
  return db.selectFrom('sites').select(['id', 'url', 'organization_id']).where('is_deleted', '=', false).execute();
}

/** A live organisation a site may be registered under, if it exists. */
export async function findLiveOrganization(db: Db, id: number) {
  return db.selectFrom('organizations').select('id').where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst();
}

export async function insertSite(db: Db, site: Insertable<SitesTable>): Promise<number> {
  const row = await db.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSiteRow(db: Db, id: number, changes: Updateable<SitesTable>): Promise<void> {
  await db.updateTable('sites').set(changes).where('id', '=', id).execute();
}

/** Revokes the API keys bound to a site; returns how many were live. */
export async function revokeSiteApiKeys(db: Db, siteId: number, by: number | null, at: Date): Promise<number> {
  const keys = await db
    .updateTable('api_keys')
    .set({ revoked_at: at, revoked_by: by })
    .where('site_id', '=', siteId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return keys.length;
}

/** How many live API keys are bound to a site. */
export async function countSiteApiKeys(db: Db, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
