import { sql } from 'kysely';
import type { Db } from '@/db';

// Endpoints and seats from a vendor's snapshots (the client QBR counts
// NinjaOne's), on the latest snapshot day of each month. Endpoints leave out
// VM guests and spares; seats are workstations (no servers, VM guests or VM
// hosts), no spares.

export type EndpointCountRow = { month: string; organization_id: number | null; endpoints: number; seats: number };

/** Per month (`YYYY-MM`) and organisation, the devices of `vendorId` on the month's last snapshot day between `from` and `to`. */
export async function endpointCountsByMonth(db: Db, vendorId: number, from: string, to: string): Promise<EndpointCountRow[]> {
  const result = await sql<{ month: string; organization_id: number | null; endpoints: number | string; seats: number | string }>`
    with latest as (
      select to_char(snapshot_date, 'YYYY-MM') as month, max(snapshot_date) as day
      from device_snapshot
      where vendor_id = ${vendorId} and snapshot_date between ${from}::date and ${to}::date
      group by 1
    ), devices as (
      select l.month, s.organization_id,
        coalesce(s.node_class, '') ilike '%guest%' as is_guest,
        coalesce(s.node_class, '') ilike '%host%' as is_host,
        coalesce(bs.code, lower(s.billable_status_name), '') = 'spare' as is_spare,
        (coalesce(dt.code, '') = 'workstation' or coalesce(s.node_class, '') ilike '%workstation%' or s.node_class = 'MAC') as is_workstation
      from latest l
      join device_snapshot s on s.vendor_id = ${vendorId} and s.snapshot_date = l.day
      left join device_type dt on dt.id = s.device_type_id
      left join billing_status bs on bs.id = s.billing_status_id
    )
    select month, organization_id,
      count(*) filter (where not is_guest and not is_spare) as endpoints,
      count(*) filter (where is_workstation and not is_guest and not is_host and not is_spare) as seats
    from devices group by month, organization_id`.execute(db);
  return result.rows.map((r) => ({ month: r.month, organization_id: r.organization_id, endpoints: Number(r.endpoints), seats: Number(r.seats) }));
}
