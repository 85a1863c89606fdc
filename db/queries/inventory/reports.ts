import { sql } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { exceptionColumns, type ExceptionRow } from './exceptions';

// Reads behind the variance reports: which days were checked, what each
// check saw, and device counts, all within the caller's scope.

export async function getVarianceCheck(db: Db, date: string) {
  return db.selectFrom('variance_checks').selectAll().where('check_date', '=', date).executeTakeFirst();
}

export async function latestVarianceCheck(db: Db) {
  return db.selectFrom('variance_checks').selectAll().orderBy('check_date', 'desc').limit(1).executeTakeFirst();
}

/** Exceptions the checks saw on a date. */
export async function observedExceptions(db: Db, scope: Scope, date: string, filters: { type?: string; hostname?: string; organizationId?: number; unresolvedOnly?: boolean } = {}) {
  let q = db
    .selectFrom('exception_observations as x')
    .innerJoin('exceptions as e', 'e.id', 'x.exception_id')
    .leftJoin('organizations as o', 'o.id', 'e.organization_id')
    .select(exceptionColumns)
    .where('x.observed_date', '=', date)
    .where(inScope(scope, 'e.organization_id'));
  if (filters.type) q = q.where('e.type', '=', filters.type);
  if (filters.hostname) q = q.where('e.hostname', '=', filters.hostname);
  if (filters.organizationId !== undefined) q = q.where('e.organization_id', '=', filters.organizationId);
  if (filters.unresolvedOnly) q = q.where('e.resolved', '=', false);
  return (await q.orderBy('e.type').orderBy('e.hostname').execute()) as ExceptionRow[];
}

/** Devices in each vendor's snapshot of a date, within scope. */
export async function snapshotCounts(db: Db, scope: Scope, dates: { vendorId: number; date: string | null }[]): Promise<number[]> {
  return Promise.all(
    dates.map(async ({ vendorId, date }) => {
      if (!date) return 0;
      const row = await db
        .selectFrom('device_snapshot as d')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('d.vendor_id', '=', vendorId)
        .where('d.snapshot_date', '=', date)
        .where(inScope(scope, 'd.organization_id'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }),
  );
}

/** Days in the window on which both vendors have a snapshot, with per-vendor device counts in scope. */
export async function datesWithBothVendors(db: Db, scope: Scope, from: string, ninjaId: number, tlId: number) {
  const orgFilter = scope.organizationId === null ? sql`true` : sql`organization_id = ${scope.organizationId}`;
  const rows = await sql<{ date: string; ninja: number; threatlocker: number; checked: boolean }>`
    with days as (
      select snapshot_date as date from device_snapshot where vendor_id = ${ninjaId} and snapshot_date >= ${from}::date group by 1
      intersect
      select snapshot_date from device_snapshot where vendor_id = ${tlId} and snapshot_date >= ${from}::date group by 1
    )
    select to_char(d.date, 'YYYY-MM-DD') as date,
      (select coalesce(sum(cnt), 0) from daily_counts where vendor_id = ${ninjaId} and snapshot_date = d.date and ${orgFilter})::int as ninja,
      (select coalesce(sum(cnt), 0) from daily_counts where vendor_id = ${tlId} and snapshot_date = d.date and ${orgFilter})::int as threatlocker,
      exists (select 1 from variance_checks v where v.check_date = d.date) as checked
    from days d order by d.date desc
  `.execute(db);
  return rows.rows;
}

/** Observed exceptions per check date and type (for trends). */
export async function observationCountsByDate(db: Db, scope: Scope, from: string, type?: string) {
  const orgFilter = scope.organizationId === null ? sql`true` : sql`e.organization_id = ${scope.organizationId}`;
  const typeFilter = type ? sql`e.type = ${type}` : sql`true`;
  const rows = await sql<{ date: string; type: string; n: number; new: number }>`
    select to_char(x.observed_date, 'YYYY-MM-DD') as date, e.type, count(*)::int as n,
      count(*) filter (where e.first_seen_date = x.observed_date)::int as new
    from exception_observations x join exceptions e on e.id = x.exception_id
    where x.observed_date >= ${from}::date and ${orgFilter} and ${typeFilter}
    group by x.observed_date, e.type order by x.observed_date
  `.execute(db);
  const checks = await db.selectFrom('variance_checks').select('check_date').where('check_date', '>=', from).orderBy('check_date').execute();
  return { rows: rows.rows, checkDates: checks.map((c) => c.check_date) };
}

/** Exceptions resolved per day (by the collector or a person), for trends. */
export async function resolutionsByDate(db: Db, scope: Scope, from: string, type?: string) {
  const orgFilter = scope.organizationId === null ? sql`true` : sql`organization_id = ${scope.organizationId}`;
  const typeFilter = type ? sql`type = ${type}` : sql`true`;
  const rows = await sql<{ date: string; n: number }>`
    select to_char(resolved_at::date, 'YYYY-MM-DD') as date, count(*)::int as n from exceptions
    where resolved and resolved_at >= ${from}::date and ${orgFilter} and ${typeFilter}
    group by 1
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.date, r.n]));
}

/** NinjaOne hostname keys held by more than one device on a date. */
export async function ninjaDuplicates(db: Db, scope: Scope, vendorId: number, date: string) {
  const orgFilter = scope.organizationId === null ? sql`true` : sql`d.organization_id = ${scope.organizationId}`;
  const rows = await sql<{ hostname_key: string; count: number; hostnames: string[]; organization: string | null }>`
    select d.hostname_key, count(*)::int as count, array_agg(coalesce(d.hostname, '') order by d.id) as hostnames,
      min(coalesce(o.name, d.organization_name)) as organization
    from device_snapshot d left join organizations o on o.id = d.organization_id
    where d.vendor_id = ${vendorId} and d.snapshot_date = ${date}::date and d.hostname_key <> '' and ${orgFilter}
    group by d.hostname_key having count(*) > 1 order by d.hostname_key
  `.execute(db);
  return rows.rows;
}

/** Month-end device counts per vendor (from the month-end aggregates), oldest first. */
export async function monthEndDeviceCounts(db: Db, scope: Scope, organizationId: number | null) {
  let q = db
    .selectFrom('month_end_counts as m')
    .select([sql<string>`to_char(m.month_end_date, 'YYYY-MM-DD')`.as('date'), 'm.vendor_id', (eb) => eb.fn.sum<number>('m.cnt').as('n')])
    .where(inScope(scope, 'm.organization_id'))
    .groupBy(['m.month_end_date', 'm.vendor_id'])
    .orderBy('m.month_end_date');
  if (organizationId !== null) q = q.where('m.organization_id', '=', organizationId);
  const rows = await q.execute();
  return rows.map((r) => ({ date: r.date, vendor_id: r.vendor_id, n: Number(r.n) }));
}
