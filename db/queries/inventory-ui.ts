import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '@/db';
import { exceptionColumns, type ExceptionRow } from '@/db/queries/inventory/exceptions';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';

// Reads behind the inventory pages and exports (exception work list, variance
// export, dashboard counts, organisation pages), on the inventory tables and
// always within the caller's scope.

export type ExceptionStatusFilter = 'open' | 'resolved' | 'manually_fixed' | 'all';
export const EXCEPTION_SORTS = ['last_seen', 'first_seen', 'type', 'hostname', 'organization', 'status'] as const;
export type ExceptionSort = (typeof EXCEPTION_SORTS)[number];

export interface ExceptionQuery {
  type?: string;
  organizationId?: number;
  status: ExceptionStatusFilter;
  /** Only exceptions the checks saw on this date (YYYY-MM-DD). */
  date?: string;
  /** Free text: hostname, names in the details, notes. */
  text?: string;
  sort: ExceptionSort;
  direction: 'asc' | 'desc';
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Db, scope: Scope, q: Omit<ExceptionQuery, 'sort' | 'direction'>) {
  return db
    .selectFrom('exceptions as e')
    .leftJoin('organizations as o', 'o.id', 'e.organization_id')
    .where(inScope(scope, 'e.organization_id'))
    .where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (q.type) parts.push(eb('e.type', '=', q.type));
      if (q.organizationId !== undefined) parts.push(eb('e.organization_id', '=', q.organizationId));
      if (q.status === 'open') parts.push(eb('e.resolved', '=', false));
      if (q.status === 'resolved') parts.push(eb('e.resolved', '=', true));
      if (q.status === 'manually_fixed') parts.push(eb('e.variance_status', '=', 'manually_fixed'));
      if (q.date) {
        const date = q.date;
        parts.push(eb.exists(eb.selectFrom('exception_observations as x').select('x.exception_id').whereRef('x.exception_id', '=', 'e.id').where('x.observed_date', '=', date)));
      }
      if (q.text) {
        const pattern = `%${escapeLike(q.text)}%`;
        parts.push(
          eb.or([
            eb('e.hostname', 'ilike', pattern),
            eb(sql`e.details::text`, 'ilike', pattern),
            eb('e.notes', 'ilike', pattern),
            eb('o.name', 'ilike', pattern),
          ]),
        );
      }
      return eb.and(parts);
    });
}

const sortColumn = {
  last_seen: 'e.last_seen_date',
  first_seen: 'e.first_seen_date',
  type: 'e.type',
  hostname: 'e.hostname',
  organization: 'o.name',
  status: 'e.variance_status',
} as const;

function ordered<Q extends ReturnType<typeof filtered>>(query: Q, sort: ExceptionSort, direction: 'asc' | 'desc') {
  const nulls = direction === 'asc' ? sql`nulls first` : sql`nulls last`;
  return query
    .orderBy(sql`${sql.ref(sortColumn[sort])} ${sql.raw(direction)} ${nulls}`)
    .orderBy('e.hostname')
    .orderBy('e.id') as Q;
}

export async function listExceptionPage(db: Db, scope: Scope, q: ExceptionQuery, page: { limit: number; offset: number }) {
  const base = filtered(db, scope, q);
  const [rows, count] = await Promise.all([
    ordered(base.select(exceptionColumns), q.sort, q.direction).limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ExceptionRow[], total: Number(count.n) };
}

/** Counts of the filtered list by type and resolved state, for export summaries. */
export async function countExceptions(db: Db, scope: Scope, q: Omit<ExceptionQuery, 'sort' | 'direction'>) {
  const rows = await filtered(db, scope, q)
    .select(['e.type', 'e.resolved', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.type', 'e.resolved'])
    .execute();
  return rows.map((r) => ({ type: r.type, resolved: r.resolved, n: Number(r.n) }));
}

const BATCH = 1000;

/**
 * The filtered list in batches, for exports: a page at a time, so that the
 * whole list never sits in memory. Ordered by a unique key, so batches
 * neither skip nor repeat rows that do not change meanwhile.
 */
export async function* iterateExceptions(db: Db, scope: Scope, q: ExceptionQuery): AsyncGenerator<ExceptionRow> {
  for (let offset = 0; ; offset += BATCH) {
    const rows = (await ordered(filtered(db, scope, q).select(exceptionColumns), q.sort, q.direction).limit(BATCH).offset(offset).execute()) as ExceptionRow[];
    yield* rows;
    if (rows.length < BATCH) return;
  }
}

/** Our organisations the caller may see, for filter lists. */
export async function listVisibleOrganizations(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'id'))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, is_home: r.is_home }));
}

/** Open exceptions per client organisation and type (unmapped ones under the vendor's name). */
export async function openExceptionsByOrganization(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('exceptions as e')
    .leftJoin('organizations as o', 'o.id', 'e.organization_id')
    .select(['e.organization_id', 'o.name as organization', 'e.type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.resolved', '=', false)
    .where(inScope(scope, 'e.organization_id'))
    .groupBy(['e.organization_id', 'o.name', 'e.type'])
    .execute();
  const byOrg = new Map<string, { organization_id: number | null; organization: string; total: number; by_type: Record<string, number> }>();
  for (const r of rows) {
    const key = String(r.organization_id ?? 'none');
    const entry = byOrg.get(key) ?? { organization_id: r.organization_id, organization: r.organization ?? 'Not mapped to a client', total: 0, by_type: {} };
    entry.by_type[r.type] = (entry.by_type[r.type] ?? 0) + Number(r.n);
    entry.total += Number(r.n);
    byOrg.set(key, entry);
  }
  return [...byOrg.values()].sort((a, b) => b.total - a.total || a.organization.localeCompare(b.organization));
}

/** Latest snapshot date per vendor, within scope. */
export async function latestSnapshotDates(db: Db, scope: Scope, vendorIds: readonly number[]) {
  const rows = await db
    .selectFrom('device_snapshot as d')
    .select(['d.vendor_id', (eb) => eb.fn.max('d.snapshot_date').as('date')])
    .where('d.vendor_id', 'in', [...vendorIds])
    .where(inScope(scope, 'd.organization_id'))
    .groupBy('d.vendor_id')
    .execute();
  return new Map(rows.map((r) => [r.vendor_id, (r.date as string | null) ?? null]));
}

const deviceColumns = [
  'd.id',
  'd.vendor_id',
  'i.vendor_device_key',
  'd.snapshot_date',
  'd.organization_id',
  'o.name as organization',
  'd.organization_name as vendor_organization',
  'd.hostname',
  'd.hostname_key',
  'd.display_name',
  'd.serial_number',
  'd.os_name',
  'd.device_status',
  'd.location_name',
  'd.device_type_name',
  'd.billable_status_name',
  'd.last_online',
  'd.security_mode',
  'd.agent_version',
  'd.computer_group',
] as const;

function deviceDto(r: {
  id: number;
  vendor_id: number;
  vendor_device_key: string;
  snapshot_date: string;
  organization_id: number | null;
  organization: string | null;
  vendor_organization: string | null;
  hostname: string | null;
  hostname_key: string;
  display_name: string | null;
  serial_number: string | null;
  os_name: string | null;
  device_status: string | null;
  location_name: string | null;
  device_type_name: string | null;
  billable_status_name: string | null;
  last_online: Date | null;
  security_mode: string | null;
  agent_version: string | null;
  computer_group: string | null;
}) {
  return {
    id: Number(r.id),
    vendor_id: r.vendor_id,
    device_id: r.vendor_device_key,
    snapshot_date: r.snapshot_date,
    organization_id: r.organization_id,
    organization: r.organization ?? r.vendor_organization,
    hostname: r.hostname,
    hostname_key: r.hostname_key,
    display_name: r.display_name,
    serial_number: r.serial_number,
    os_name: r.os_name,
    device_status: r.device_status,
    location: r.location_name,
    device_type: r.device_type_name,
    billing_status: r.billable_status_name,
    last_seen: r.last_online ? r.last_online.toISOString() : null,
    security_mode: r.security_mode,
    agent_version: r.agent_version,
    computer_group: r.computer_group,
  };
}
export type DeviceDto = ReturnType<typeof deviceDto>;

function latestDevices(db: Db, scope: Scope, dates: ReadonlyMap<number, string | null>) {
  const pairs = [...dates.entries()].filter((e): e is [number, string] => e[1] !== null);
  return db
    .selectFrom('device_snapshot as d')
    .innerJoin('device_identity as i', 'i.id', 'd.device_identity_id')
    .leftJoin('organizations as o', 'o.id', 'd.organization_id')
    .where(inScope(scope, 'd.organization_id'))
    .where((eb) => (pairs.length === 0 ? sql<boolean>`false` : eb.or(pairs.map(([vendor, date]) => eb.and([eb('d.vendor_id', '=', vendor), eb('d.snapshot_date', '=', date)])))));
}

/** One organisation's devices in each vendor's latest snapshot, a page at a time. */
export async function listOrganizationDevices(db: Db, scope: Scope, organizationId: number, vendorIds: readonly number[], page: { limit: number; offset: number; text?: string }) {
  const dates = await latestSnapshotDates(db, scope, vendorIds);
  let q = latestDevices(db, scope, dates).where('d.organization_id', '=', organizationId);
  if (page.text) {
    const pattern = `%${escapeLike(page.text.toLowerCase())}%`;
    q = q.where((eb) => eb.or([eb('d.hostname_key', 'like', pattern), eb(sql`lower(coalesce(d.display_name, ''))`, 'like', pattern)]));
  }
  const [rows, count] = await Promise.all([
    q.select(deviceColumns).orderBy('d.hostname_key').orderBy('d.vendor_id').limit(page.limit).offset(page.offset).execute(),
    q.select(['d.vendor_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('d.vendor_id').execute(),
  ]);
  const byVendor = Object.fromEntries(count.map((c) => [c.vendor_id, Number(c.n)]));
  return { devices: rows.map(deviceDto), total: count.reduce((s, c) => s + Number(c.n), 0), by_vendor: byVendor, dates: Object.fromEntries(dates) };
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

/** An organisation the caller may see, or undefined. */
export async function findVisibleOrganization(db: Db, scope: Scope, id: number) {
  return db.selectFrom('organizations').select(['id', 'name', 'is_home']).where('id', '=', id).where('is_deleted', '=', false).where(inScope(scope, 'id')).executeTakeFirst();
}

/** Each vendor's latest records for these hostname keys (exact, or the 15-character NetBIOS form), for side-by-side details. */
export async function latestDevicesByKeys(db: Db, scope: Scope, vendorIds: readonly number[], keys: readonly string[]) {
  const wanted = [...new Set(keys.filter((k) => k !== ''))];
  if (wanted.length === 0) return [];
  const dates = await latestSnapshotDates(db, { organizationId: null }, vendorIds);
  const prefixes = [...new Set(wanted.map((k) => k.slice(0, 15)))];
  const rows = await latestDevices(db, scope, dates)
    .select(deviceColumns)
    .where((eb) => eb.or([eb('d.hostname_key', 'in', [...wanted, ...prefixes]), eb(eb.fn('left', ['d.hostname_key', sql.lit(15)]), 'in', prefixes)]))
    .orderBy('d.vendor_id')
    .orderBy('d.hostname_key')
    .execute();
  return rows.map(deviceDto);
}
