import { sql } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { offsetOf, type Page } from '@/db/paging';

// The two fleet summaries: modules with updates (security first) and
// patch-run trends with update lag. Scoped like every read.

export type SummaryFilters = { organization_id?: number; site_id?: number; project?: string };

function updatesBase(db: Db, scope: Scope & { siteId?: number | null }, filters: SummaryFilters & { security_only?: boolean }) {
  return db
    .selectFrom('site_modules as sm')
    .innerJoin('sites as s', 's.id', 'sm.site_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .innerJoin('modules as m', 'm.id', 'sm.module_id')
    .where('s.is_deleted', '=', false)
    .where('sm.removed_at', 'is', null)
    .where((eb) => eb.or([eb('sm.update_available', '=', true), eb('sm.security_update', '=', true)]))
    .where(inScope(scope, 's.organization_id'))
    .$if(scope.siteId != null, (q) => q.where('s.id', '=', scope.siteId!))
    .$if(filters.organization_id !== undefined, (q) => q.where('s.organization_id', '=', filters.organization_id!))
    .$if(filters.site_id !== undefined, (q) => q.where('s.id', '=', filters.site_id!))
    .$if(filters.project !== undefined, (q) => q.where('m.module_name', '=', filters.project!))
    .$if(filters.security_only === true, (q) => q.where('sm.security_update', '=', true));
}

const accepted = sql<boolean>`coalesce(sm.accepted_risk_expires_at > now(), false)`;
const openSecurity = sql<boolean>`(sm.security_update and not coalesce(sm.accepted_risk_expires_at > now(), false))`;

export async function moduleUpdateCounts(db: Db, scope: Scope & { siteId?: number | null }, filters: SummaryFilters & { security_only?: boolean }) {
  const totals = await updatesBase(db, scope, filters)
    .select((eb) => [
      eb.fn.countAll<number>().as('rows'),
      sql<number>`count(distinct s.id)`.as('sites'),
      sql<number>`count(distinct sm.module_id)`.as('projects'),
      sql<number>`count(*) filter (where ${openSecurity})`.as('security_updates'),
      sql<number>`count(*) filter (where not sm.security_update)`.as('other_updates'),
      sql<number>`count(*) filter (where sm.security_update and ${accepted})`.as('accepted_risks'),
    ])
    .executeTakeFirstOrThrow();
  const byOrganization = await updatesBase(db, scope, filters)
    .select([
      'o.id as organization_id',
      'o.name as organization_name',
      sql<number>`count(distinct s.id)`.as('sites'),
      sql<number>`count(*) filter (where ${openSecurity})`.as('security_updates'),
      sql<number>`count(*) filter (where not sm.security_update)`.as('other_updates'),
    ])
    .groupBy(['o.id', 'o.name'])
    .orderBy(sql`count(*) filter (where ${openSecurity})`, 'desc')
    .orderBy('o.name')
    .execute();
  const byProject = await updatesBase(db, scope, filters)
    .select([
      'm.module_name as project',
      sql<number>`count(distinct s.id)`.as('sites'),
      sql<number>`count(*) filter (where ${openSecurity})`.as('security_updates'),
      sql<number>`count(*) filter (where not sm.security_update)`.as('other_updates'),
    ])
    .groupBy('m.module_name')
    .orderBy(sql`count(*) filter (where ${openSecurity})`, 'desc')
    .orderBy(sql`count(distinct s.id)`, 'desc')
    .orderBy('m.module_name')
    .limit(500)
    .execute();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    rows: n(totals.rows),
    sites: n(totals.sites),
    projects: n(totals.projects),
    security_updates: n(totals.security_updates),
    other_updates: n(totals.other_updates),
    accepted_risks: n(totals.accepted_risks),
    by_organization: byOrganization.map((r) => ({ ...r, sites: n(r.sites), security_updates: n(r.security_updates), other_updates: n(r.other_updates) })),
    by_project: byProject.map((r) => ({ ...r, sites: n(r.sites), security_updates: n(r.security_updates), other_updates: n(r.other_updates) })),
  };
}

export async function listModuleUpdates(
  db: Db,
  scope: Scope & { siteId?: number | null },
  filters: SummaryFilters & { security_only?: boolean },
  page: Page | null,
) {
  const rows = await updatesBase(db, scope, filters)
    .select([
      'o.id as organization_id',
      'o.name as organization_name',
      's.id as site_id',
      's.name as site_name',
      's.url as site_url',
      'sm.module_id',
      'm.module_name as project',
      'm.drupal_link',
      'sm.type',
      'sm.current_version',
      'sm.recommended_version',
      'sm.latest_version',
      'sm.status',
      'sm.security_update',
      'sm.update_available',
      'sm.security_releases',
      'sm.accepted_risk_reason',
      'sm.accepted_risk_expires_at',
      'sm.last_seen',
    ])
    .select(accepted.as('risk_accepted'))
    .orderBy(sql`case when ${openSecurity} then 0 when sm.security_update then 1 else 2 end`)
    .orderBy('o.name')
    .orderBy('s.name')
    .orderBy('m.module_name')
    .orderBy('sm.id')
    .$if(page !== null, (q) => q.limit(page!.per_page).offset(offsetOf(page!)))
    .execute();
  return rows;
}
export type ModuleUpdateRow = Awaited<ReturnType<typeof listModuleUpdates>>[number];

export type PatchSummaryFilters = SummaryFilters & { from?: Date; to?: Date };

function patchItemsBase(db: Db, scope: Scope & { siteId?: number | null }, filters: PatchSummaryFilters) {
  return db
    .selectFrom('patch_run_items as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .innerJoin('modules as m', 'm.id', 'i.module_id')
    .where('s.is_deleted', '=', false)
    .where(inScope(scope, 's.organization_id'))
    .$if(scope.siteId != null, (q) => q.where('s.id', '=', scope.siteId!))
    .$if(filters.organization_id !== undefined, (q) => q.where('s.organization_id', '=', filters.organization_id!))
    .$if(filters.site_id !== undefined, (q) => q.where('s.id', '=', filters.site_id!))
    .$if(filters.project !== undefined, (q) => q.where('m.module_name', '=', filters.project!))
    .$if(filters.from !== undefined, (q) => q.where('i.applied_at', '>=', filters.from!))
    .$if(filters.to !== undefined, (q) => q.where('i.applied_at', '<', filters.to!));
}

const lagDays = sql`(i.lag_seconds::float8 / 86400)`;

/** Updates per period with median lag (days, unrounded); periods in UTC. */
export async function patchTrends(db: Db, scope: Scope & { siteId?: number | null }, filters: PatchSummaryFilters, period: 'week' | 'month') {
  // A literal, not a parameter: GROUP BY must see the same expression as SELECT.
  const unit = sql.raw(period === 'week' ? `'week'` : `'month'`);
  const bucket = sql<string>`to_char(date_trunc(${unit}, i.applied_at at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await patchItemsBase(db, scope, filters)
    .select([
      bucket.as('period_start'),
      sql<number>`count(*)`.as('updates'),
      sql<number>`count(*) filter (where i.is_security)`.as('security_updates'),
      sql<number>`count(distinct i.site_id)`.as('sites'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${lagDays})`.as('median_lag_days'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${lagDays}) filter (where i.is_security)`.as('median_security_lag_days'),
    ])
    .groupBy(bucket)
    .orderBy(bucket)
    .execute();
  return rows.map((r) => ({
    period_start: r.period_start,
    updates: Number(r.updates),
    security_updates: Number(r.security_updates),
    sites: Number(r.sites),
    median_lag_days: r.median_lag_days,
    median_security_lag_days: r.median_security_lag_days,
  }));
}

export async function patchSummary(db: Db, scope: Scope & { siteId?: number | null }, filters: PatchSummaryFilters) {
  const row = await patchItemsBase(db, scope, filters)
    .select([
      sql<number>`count(*)`.as('updates'),
      sql<number>`count(*) filter (where i.is_security)`.as('security_updates'),
      sql<number>`count(distinct i.site_id)`.as('sites'),
      sql<number>`count(distinct i.patch_run_id)`.as('patch_runs'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${lagDays})`.as('median_lag_days'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${lagDays}) filter (where i.is_security)`.as('median_security_lag_days'),
    ])
    .executeTakeFirstOrThrow();
  return {
    updates: Number(row.updates),
    security_updates: Number(row.security_updates),
    sites: Number(row.sites),
    patch_runs: Number(row.patch_runs),
    median_lag_days: row.median_lag_days,
    median_security_lag_days: row.median_security_lag_days,
  };
}

export async function listPatchItems(db: Db, scope: Scope & { siteId?: number | null }, filters: PatchSummaryFilters, page: Page | null) {
  const rows = await patchItemsBase(db, scope, filters)
    .select([
      'i.id',
      'i.patch_run_id',
      'o.name as organization_name',
      's.id as site_id',
      's.name as site_name',
      'm.module_name as project',
      'i.from_version',
      'i.to_version',
      'i.release_date',
      'i.applied_at',
      'i.lag_seconds',
      'i.is_security',
    ])
    .orderBy('i.applied_at', 'desc')
    .orderBy('i.id', 'desc')
    .$if(page !== null, (q) => q.limit(page!.per_page).offset(offsetOf(page!)))
    .execute();
  return rows;
}
export type PatchItemRow = Awaited<ReturnType<typeof listPatchItems>>[number];
export type PatchTrendRow = Awaited<ReturnType<typeof patchTrends>>[number];
export type PatchSummaryRow = Awaited<ReturnType<typeof patchSummary>>;
