import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '@/db';
import { escapeLike } from '@/db/like';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import type { DB } from '@/db/types';
import type { StoredDevice } from '@/db/types-domain/inventory';

// Reading stored devices: the snapshots the cross-vendor checks compare, the
// records the pages and the device search show, within the caller's scope.

type Executor = Kysely<DB> | Transaction<DB>;

/** One vendor's devices on a snapshot date, as the cross-vendor checks read them. */
export async function loadSnapshotDevices(
  db: Executor,
  vendorId: number,
  date: string,
  filter?: { keys: readonly string[]; prefixes: readonly string[] },
): Promise<{ devices: StoredDevice[]; collectedAt: Date | null }> {
  let query = db
    .selectFrom('device_snapshot as d')
    .innerJoin('device_identity as i', 'i.id', 'd.device_identity_id')
    .leftJoin('vendor_organizations as vo', (join) => join.onRef('vo.vendor_id', '=', 'd.vendor_id').onRef('vo.vendor_org_id', '=', 'd.vendor_organization_id'))
    .select([
      'i.vendor_device_key',
      'd.hostname',
      'd.display_name',
      'd.serial_number',
      'd.vendor_organization_id',
      'd.organization_name',
      'd.organization_id',
      'vo.status as organization_status',
      'd.location_name',
      'd.device_type_name',
      'd.billable_status_name',
      'd.device_status',
      'd.last_online',
      'd.created_at',
    ])
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date);
  if (filter) {
    const keys = filter.keys.length > 0 ? [...filter.keys] : [''];
    const prefixes = filter.prefixes.length > 0 ? [...filter.prefixes] : [''];
    query = query.where((eb) =>
      eb.or([eb('d.hostname_key', 'in', keys), eb(eb.fn('left', ['d.hostname_key', eb.val(15)]), 'in', prefixes)]),
    );
  }
  const rows = await query.orderBy('d.id').execute();
  let collectedAt: Date | null = null;
  for (const row of rows) if (!collectedAt || row.created_at < collectedAt) collectedAt = row.created_at;
  return { devices: rows, collectedAt };
}

/** The vendor organisations with at least one record of the vendor on the date, mapped or not, with their mapping status. */
export async function snapshotOrganizations(db: Executor, vendorId: number, date: string) {
  return db
    .selectFrom('device_snapshot as d')
    .leftJoin('vendor_organizations as vo', (join) => join.onRef('vo.vendor_id', '=', 'd.vendor_id').onRef('vo.vendor_org_id', '=', 'd.vendor_organization_id'))
    .select(['d.organization_id', 'd.organization_name', 'vo.status'])
    .distinct()
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date)
    .execute();
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

/** A device record as the pages show it, with our organisation's name and the vendor's. */
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

/** Rows of each vendor's latest snapshot, within scope. */
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
  return { devices: rows, total: count.reduce((s, c) => s + Number(c.n), 0), by_vendor: byVendor, dates: Object.fromEntries(dates) };
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
  return rows;
}
export type DeviceRecordRow = Awaited<ReturnType<typeof latestDevicesByKeys>>[number];

/**
 * One vendor's devices on a date that a search term may name: hostname keys
 * (full, or cut to the NetBIOS length ThreatLocker keeps), display names, serials.
 */
export async function searchSnapshotDevices(
  db: Db,
  scope: Scope,
  vendorId: number,
  date: string,
  search: { term: string; key: string; netbiosLength: number; limit: number },
) {
  const { term, key, netbiosLength } = search;
  const like = `%${escapeLike(key)}%`;
  const prefix = key.slice(0, netbiosLength);
  return db
    .selectFrom('device_snapshot as d')
    .innerJoin('device_identity as i', 'i.id', 'd.device_identity_id')
    .leftJoin('organizations as o', 'o.id', 'd.organization_id')
    .select([
      'i.vendor_device_key',
      'd.hostname',
      'd.hostname_key',
      'd.display_name',
      'd.serial_number',
      'd.organization_name',
      'o.name as our_organization',
      'd.organization_id',
      'd.location_name',
      'd.device_type_name',
      'd.billable_status_name',
      'd.device_status',
      'd.last_online',
    ])
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date)
    .where(inScope(scope, 'd.organization_id'))
    .where((eb) =>
      eb.or([
        eb('d.hostname_key', 'like', like),
        // A truncated record of the name searched for, or a full name of the truncated one searched for.
        eb('d.hostname_key', '=', prefix),
        ...(key.length === netbiosLength ? [eb(sql<string>`left(d.hostname_key, ${netbiosLength})`, '=', key)] : []),
        eb(sql`lower(coalesce(d.display_name, ''))`, 'like', `%${escapeLike(term.toLowerCase())}%`),
        eb(sql`upper(coalesce(d.serial_number, ''))`, '=', term.toUpperCase()),
      ]),
    )
    .orderBy('d.hostname_key')
    .limit(search.limit)
    .execute();
}

/** The vendor's devices on a date whose hostname key is exactly this one. */
export async function devicesWithHostnameKey(db: Db, vendorId: number, date: string, key: string) {
  return db
    .selectFrom('device_snapshot as d')
    .innerJoin('device_identity as i', 'i.id', 'd.device_identity_id')
    .select(['i.vendor_device_key', 'd.hostname'])
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date)
    .where('d.hostname_key', '=', key)
    .execute();
}
