import { sql } from 'kysely';
import type { Db } from '@/db';
import type { NewMonthlyRow } from '@/db/queries/qbr';

// Endpoints and seats come from the inventory domain's NinjaOne snapshots
// (device_snapshot, vendor 1), counted on the latest snapshot day of each
// month. Endpoints leave out VM guests and spares; seats are workstations
// (no servers, VM guests or VM hosts), no spares, outside the MSP's own
// organisation. When the inventory tables are absent, nothing is counted.

const NINJA_VENDOR_ID = 1;

export async function hasInventorySnapshots(db: Db): Promise<boolean> {
  const row = await sql<{ present: boolean }>`select to_regclass('public.device_snapshot') is not null as present`.execute(db);
  return row.rows[0]?.present === true;
}

type CountRow = { month: string; organization_id: number | null; endpoints: number | string; seats: number | string };

/**
 * Monthly `endpoints_managed` and `seats_managed` per organisation, plus the
 * MSP-wide totals on the home organisation; null when the inventory tables
 * do not exist on this installation.
 */
export async function countEndpoints(db: Db, homeId: number, from: string, to: string): Promise<NewMonthlyRow[] | null> {
  if (!(await hasInventorySnapshots(db))) return null;
  const result = await sql<CountRow>`
    with latest as (
      select to_char(snapshot_date, 'YYYY-MM') as month, max(snapshot_date) as day
      from device_snapshot
      where vendor_id = ${NINJA_VENDOR_ID} and snapshot_date between ${from}::date and ${to}::date
      group by 1
    ), devices as (
      select l.month, s.organization_id,
        coalesce(s.node_class, '') ilike '%guest%' as is_guest,
        coalesce(s.node_class, '') ilike '%host%' as is_host,
        coalesce(bs.code, lower(s.billable_status_name), '') = 'spare' as is_spare,
        (coalesce(dt.code, '') = 'workstation' or coalesce(s.node_class, '') ilike '%workstation%' or s.node_class = 'MAC') as is_workstation
      from latest l
      join device_snapshot s on s.vendor_id = ${NINJA_VENDOR_ID} and s.snapshot_date = l.day
      left join device_type dt on dt.id = s.device_type_id
      left join billing_status bs on bs.id = s.billing_status_id
    )
    select month, organization_id,
      count(*) filter (where not is_guest and not is_spare) as endpoints,
      count(*) filter (where is_workstation and not is_guest and not is_host and not is_spare) as seats
    from devices group by month, organization_id`.execute(db);

  const rows: NewMonthlyRow[] = [];
  const totals = new Map<string, { endpoints: number; seats: number }>();
  const note = 'NinjaOne devices on the last snapshot day of the month';
  for (const r of result.rows) {
    const endpoints = Number(r.endpoints);
    const seats = Number(r.seats);
    const t = totals.get(r.month) ?? { endpoints: 0, seats: 0 };
    t.endpoints += endpoints;
    if (r.organization_id !== homeId) t.seats += seats;
    totals.set(r.month, t);
    if (r.organization_id === null || r.organization_id === homeId) continue;
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'endpoints_managed', value: endpoints, notes: note });
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'seats_managed', value: seats, notes: note });
  }
  for (const [month, t] of totals) {
    rows.push({ organization_id: homeId, period: month, metric_name: 'endpoints_managed', value: t.endpoints, notes: `${note}, every organisation` });
    rows.push({ organization_id: homeId, period: month, metric_name: 'seats_managed', value: t.seats, notes: `${note}, client organisations only` });
  }
  return rows;
}
