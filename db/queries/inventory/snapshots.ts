import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '@/db';
import type { DB } from '@/db/types';
import type { SnapshotRow } from '@/db/types-domain/inventory';

// Writing one vendor's daily snapshot. Everything happens in one transaction
// with set-based statements (rows travel as one JSON document per chunk and
// are unpacked by jsonb_to_recordset), so a failure leaves the previous
// snapshot exactly as it was.

type Executor = Kysely<DB> | Transaction<DB>;

/** Column name → SQL type, in the order of the snapshot JSON records. */
const SNAPSHOT_COLUMNS: [keyof SnapshotRow, string][] = [
  ['vendor_device_key', 'text'],
  ['site_key', 'text'],
  ['vendor_organization_id', 'text'],
  ['organization_name', 'text'],
  ['hostname', 'text'],
  ['hostname_key', 'text'],
  ['display_name', 'text'],
  ['serial_number', 'text'],
  ['os_name', 'text'],
  ['device_status', 'text'],
  ['location_name', 'text'],
  ['device_type_name', 'text'],
  ['billable_status_name', 'text'],
  ['last_online', 'timestamptz'],
  ['agent_install_timestamp', 'timestamptz'],
  ['computer_group', 'text'],
  ['security_mode', 'text'],
  ['deny_count_1d', 'integer'],
  ['deny_count_3d', 'integer'],
  ['deny_count_7d', 'integer'],
  ['install_date', 'timestamptz'],
  ['is_locked_out', 'boolean'],
  ['is_isolated', 'boolean'],
  ['agent_version', 'text'],
  ['has_checked_in', 'boolean'],
  ['node_class', 'text'],
  ['os_architecture', 'text'],
  ['os_build', 'text'],
  ['os_release_id', 'text'],
  ['cpu_model', 'text'],
  ['cpu_cores', 'integer'],
  ['cpu_logical_cores', 'integer'],
  ['cpu_max_clock_hz', 'bigint'],
  ['system_manufacturer', 'text'],
  ['system_model', 'text'],
  ['memory_bytes', 'bigint'],
  ['memory_gib', 'numeric'],
  ['system_drive_bytes', 'bigint'],
  ['volumes', 'text'],
  ['has_tpm', 'boolean'],
  ['tpm_enabled', 'boolean'],
  ['tpm_version', 'text'],
  ['secure_boot_available', 'boolean'],
  ['secure_boot_enabled', 'boolean'],
  ['raw', 'jsonb'],
];
const STORED_COLUMNS = SNAPSHOT_COLUMNS.filter(([name]) => name !== 'vendor_device_key' && name !== 'site_key');

const recordDefinition = sql.raw(SNAPSHOT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '));
const storedColumnList = sql.raw(STORED_COLUMNS.map(([name]) => name).join(', '));
const storedValueList = sql.raw(STORED_COLUMNS.map(([name]) => `u.${name}`).join(', '));

export const DEFAULT_SNAPSHOT_CHUNK = 5000;

export interface VendorOrganizationInput {
  vendorOrgId: string;
  name: string;
  /** Which of our organisations the name suggests, and how closely (0–1). */
  proposal: { organizationId: number; score: number } | null;
}

export interface SnapshotWrite {
  vendorId: number;
  snapshotDate: string;
  rows: readonly SnapshotRow[];
  sites: readonly { key: string; name: string }[];
  organizations: readonly VendorOrganizationInput[];
  chunkSize?: number;
}

export interface SnapshotWriteSummary {
  written: number;
  previousDate: string | null;
  previousCount: number | null;
  added: number;
  removed: number;
}

/** Records the vendor's organisations; new ones get a proposal, confirmed ones keep their mapping. */
export async function upsertVendorOrganizations(db: Executor, vendorId: number, organizations: readonly VendorOrganizationInput[]) {
  if (organizations.length === 0) return;
  const payload = JSON.stringify(
    organizations.map((o) => ({
      vendor_org_id: o.vendorOrgId,
      name: o.name,
      proposed: o.proposal?.organizationId ?? null,
      score: o.proposal?.score ?? null,
    })),
  );
  await sql`
    insert into vendor_organizations (vendor_id, vendor_org_id, vendor_org_name, proposed_organization_id, proposal_score)
    select ${vendorId}, u.vendor_org_id, u.name, o.id, case when o.id is null then null else u.score end
    from jsonb_to_recordset(${payload}::jsonb) as u(vendor_org_id text, name text, proposed integer, score double precision)
    left join organizations o on o.id = u.proposed and not o.is_deleted
    on conflict (vendor_id, vendor_org_id) do update set
      vendor_org_name = excluded.vendor_org_name,
      last_seen_at = now(),
      updated_at = now(),
      proposed_organization_id = case when vendor_organizations.status = 'proposed'
        then excluded.proposed_organization_id else vendor_organizations.proposed_organization_id end,
      proposal_score = case when vendor_organizations.status = 'proposed'
        then excluded.proposal_score else vendor_organizations.proposal_score end
  `.execute(db);
}

/** Replaces the vendor's snapshot for the day, in one transaction. */
export async function replaceVendorSnapshot(db: Db, input: SnapshotWrite): Promise<SnapshotWriteSummary> {
  const { vendorId, snapshotDate: date } = input;
  const chunkSize = Math.max(1, input.chunkSize ?? DEFAULT_SNAPSHOT_CHUNK);
  return db.transaction().execute(async (trx) => {
    await upsertVendorOrganizations(trx, vendorId, input.organizations);

    if (input.sites.length > 0) {
      await sql`
        insert into site (vendor_id, vendor_site_key, name)
        select ${vendorId}, u.key, u.name from jsonb_to_recordset(${JSON.stringify(input.sites)}::jsonb) as u(key text, name text)
        on conflict (vendor_id, vendor_site_key) do update set name = excluded.name, updated_at = now()
          where site.name is distinct from excluded.name
      `.execute(trx);
    }

    await sql`
      insert into device_identity (vendor_id, vendor_device_key, first_seen_date, last_seen_date)
      select ${vendorId}, k, ${date}::date, ${date}::date from jsonb_array_elements_text(${JSON.stringify(input.rows.map((r) => r.vendor_device_key))}::jsonb) as k
      on conflict (vendor_id, vendor_device_key) do update set
        first_seen_date = least(device_identity.first_seen_date, excluded.first_seen_date),
        last_seen_date = greatest(device_identity.last_seen_date, excluded.last_seen_date)
    `.execute(trx);

    await trx.deleteFrom('device_snapshot').where('vendor_id', '=', vendorId).where('snapshot_date', '=', date).execute();

    for (let start = 0; start < input.rows.length; start += chunkSize) {
      await insertSnapshotRows(trx, vendorId, date, input.rows.slice(start, start + chunkSize));
    }

    await writeCounts(trx, vendorId, date);
    return writeChangeLog(trx, vendorId, date);
  });
}

async function insertSnapshotRows(trx: Executor, vendorId: number, date: string, rows: readonly SnapshotRow[]) {
  await sql`
    insert into device_snapshot (snapshot_date, vendor_id, device_identity_id, site_id, device_type_id, billing_status_id, organization_id, ${storedColumnList})
    select ${date}::date, ${vendorId}, di.id, s.id, dt.id, bs.id, vo.organization_id, ${storedValueList}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as u(${recordDefinition})
    join device_identity di on di.vendor_id = ${vendorId} and di.vendor_device_key = u.vendor_device_key
    left join site s on s.vendor_id = ${vendorId} and s.vendor_site_key = u.site_key
    left join device_type dt on dt.code = u.device_type_name
    left join billing_status bs on bs.code = u.billable_status_name
    left join vendor_organizations vo on vo.vendor_id = ${vendorId} and vo.vendor_org_id = u.vendor_organization_id and vo.status = 'confirmed'
  `.execute(trx);
}

/** Replaces one device's row in a day's snapshot (after a rename or a sync of that device). */
export async function replaceSnapshotRow(db: Db, vendorId: number, date: string, row: SnapshotRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into device_identity (vendor_id, vendor_device_key, first_seen_date, last_seen_date)
      values (${vendorId}, ${row.vendor_device_key}, ${date}::date, ${date}::date)
      on conflict (vendor_id, vendor_device_key) do update set last_seen_date = greatest(device_identity.last_seen_date, excluded.last_seen_date)
    `.execute(trx);
    await sql`
      delete from device_snapshot where vendor_id = ${vendorId} and snapshot_date = ${date}::date
        and device_identity_id = (select id from device_identity where vendor_id = ${vendorId} and vendor_device_key = ${row.vendor_device_key})
    `.execute(trx);
    await insertSnapshotRows(trx, vendorId, date, [row]);
    await writeCounts(trx, vendorId, date);
  });
}

const countSelect = (vendorId: number, date: string) => sql`
  select organization_id, site_id, device_type_id, billing_status_id, count(*)::int as cnt
  from device_snapshot where vendor_id = ${vendorId} and snapshot_date = ${date}::date
  group by organization_id, site_id, device_type_id, billing_status_id`;

/** The last day of a date's month (both YYYY-MM-DD): month_end_counts are filed under it. */
export function monthEnd(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** daily_counts for the day; month_end_counts when this is the latest snapshot of its month. */
export async function writeCounts(trx: Executor, vendorId: number, date: string): Promise<void> {
  await trx.deleteFrom('daily_counts').where('vendor_id', '=', vendorId).where('snapshot_date', '=', date).execute();
  await sql`
    insert into daily_counts (snapshot_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, cnt)
    select ${date}::date, ${vendorId}, c.* from (${countSelect(vendorId, date)}) c
  `.execute(trx);

  const end = monthEnd(date);
  const latest = await trx
    .selectFrom('device_snapshot')
    .select((eb) => eb.fn.max('snapshot_date').as('d'))
    .where('vendor_id', '=', vendorId)
    .where('snapshot_date', '>=', `${date.slice(0, 7)}-01`)
    .where('snapshot_date', '<=', end)
    .executeTakeFirst();
  if (latest?.d && latest.d > date) return;
  await trx.deleteFrom('month_end_counts').where('vendor_id', '=', vendorId).where('month_end_date', '=', end).execute();
  await sql`
    insert into month_end_counts (month_end_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, cnt)
    select ${end}::date, ${vendorId}, c.* from (${countSelect(vendorId, date)}) c
  `.execute(trx);
}

async function writeChangeLog(trx: Executor, vendorId: number, date: string): Promise<SnapshotWriteSummary> {
  const previous = await trx
    .selectFrom('device_snapshot')
    .select((eb) => eb.fn.max('snapshot_date').as('d'))
    .where('vendor_id', '=', vendorId)
    .where('snapshot_date', '<', date)
    .executeTakeFirst();
  const previousDate = previous?.d ?? null;
  const counts = await sql<{ current: number; previous: number; added: number; removed: number }>`
    with cur as (select device_identity_id from device_snapshot where vendor_id = ${vendorId} and snapshot_date = ${date}::date),
         prev as (select device_identity_id from device_snapshot where vendor_id = ${vendorId} and snapshot_date = ${previousDate}::date)
    select (select count(*) from cur)::int as current,
           (select count(*) from prev)::int as previous,
           (select count(*) from (select * from cur except select * from prev) a)::int as added,
           (select count(*) from (select * from prev except select * from cur) r)::int as removed
  `.execute(trx);
  const c = counts.rows[0]!;
  const previousCount = previousDate === null ? null : c.previous;
  const metrics: [string, number, number | null][] = [
    ['device_count', c.current, previousCount],
    ['devices_added', c.added, null],
    ['devices_removed', c.removed, null],
  ];
  for (const [metric, value, prior] of metrics) {
    await trx
      .insertInto('change_log')
      .values({
        change_date: date,
        vendor_id: vendorId,
        metric,
        previous_value: prior,
        new_value: value,
        delta: value - (prior ?? 0),
        details: JSON.stringify({ previous_date: previousDate }),
      })
      .onConflict((oc) =>
        oc.columns(['change_date', 'vendor_id', 'metric']).doUpdateSet((eb) => ({
          previous_value: eb.ref('excluded.previous_value'),
          new_value: eb.ref('excluded.new_value'),
          delta: eb.ref('excluded.delta'),
          details: eb.ref('excluded.details'),
        })),
      )
      .execute();
  }
  return { written: c.current, previousDate, previousCount, added: c.added, removed: c.removed };
}

/**
 * Drops daily snapshots older than the retention period, except each month's
 * last snapshot, which month-end reporting keeps for good.
 */
export async function purgeOldSnapshots(db: Db, vendorId: number, cutoffDate: string): Promise<number> {
  const result = await sql`
    delete from device_snapshot d
    where d.vendor_id = ${vendorId} and d.snapshot_date < ${cutoffDate}::date
      and d.snapshot_date not in (
        select max(snapshot_date) from device_snapshot
        where vendor_id = ${vendorId} group by date_trunc('month', snapshot_date)
      )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The vendor's latest snapshot date, or null before its first collection. */
export async function latestSnapshotDate(db: Executor, vendorId: number): Promise<string | null> {
  const row = await db
    .selectFrom('device_snapshot')
    .select((eb) => eb.fn.max('snapshot_date').as('d'))
    .where('vendor_id', '=', vendorId)
    .executeTakeFirst();
  return row?.d ?? null;
}
