import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@/db/types';
import type { StoredDevice } from '@/db/types-domain/inventory';

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
