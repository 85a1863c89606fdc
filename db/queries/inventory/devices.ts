import type { Kysely, Transaction } from 'kysely';
import type { DB } from '@/db/types';
import type { StoredDevice } from '@/lib/inventory/snapshot-rows';

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
    .select([
      'i.vendor_device_key',
      'd.hostname',
      'd.display_name',
      'd.serial_number',
      'd.vendor_organization_id',
      'd.organization_name',
      'd.organization_id',
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

/** Our organisations that have at least one ThreatLocker record on the date. */
export async function threatLockerOrganizationIds(db: Executor, vendorId: number, date: string): Promise<number[]> {
  const rows = await db
    .selectFrom('device_snapshot')
    .select('organization_id')
    .distinct()
    .where('vendor_id', '=', vendorId)
    .where('snapshot_date', '=', date)
    .where('organization_id', 'is not', null)
    .execute();
  return rows.map((r) => r.organization_id!);
}
