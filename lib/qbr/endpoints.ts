import type { Db } from '@/db';
import { endpointCountsByMonth } from '@/db/queries/qbr/endpoints';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';

// Endpoints and seats come from the inventory slice's NinjaOne snapshots
// (vendor 1), counted on the latest snapshot day of each month. Seats are
// counted outside the MSP's own organisation.

const NINJA_VENDOR_ID = 1;

/**
 * Monthly `endpoints_managed` and `seats_managed` per organisation, plus the
 * MSP-wide totals on the home organisation.
 */
export async function countEndpoints(db: Db, homeId: number, from: string, to: string): Promise<NewMonthlyRow[]> {
  const counts = await endpointCountsByMonth(db, NINJA_VENDOR_ID, from, to);
  const rows: NewMonthlyRow[] = [];
  const totals = new Map<string, { endpoints: number; seats: number }>();
  const note = 'NinjaOne devices on the last snapshot day of the month';
  for (const r of counts) {
    const t = totals.get(r.month) ?? { endpoints: 0, seats: 0 };
    t.endpoints += r.endpoints;
    if (r.organization_id !== homeId) t.seats += r.seats;
    totals.set(r.month, t);
    if (r.organization_id === null || r.organization_id === homeId) continue;
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'endpoints_managed', value: r.endpoints, notes: note });
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'seats_managed', value: r.seats, notes: note });
  }
  for (const [month, t] of totals) {
    rows.push({ organization_id: homeId, period: month, metric_name: 'endpoints_managed', value: t.endpoints, notes: `${note}, every organisation` });
    rows.push({ organization_id: homeId, period: month, metric_name: 'seats_managed', value: t.seats, notes: `${note}, client organisations only` });
  }
  return rows;
}
