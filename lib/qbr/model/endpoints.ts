// Monthly endpoint and seat rows from device counts per organisation and
// month: each client its own, the home organisation the MSP-wide totals
// (endpoints of every organisation, seats of the clients only). Pure.

import type { MonthlyEndpointCount } from '@/lib/inventory';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';

const NOTE = 'NinjaOne devices on the last snapshot day of the month';

export function endpointRows(counts: readonly MonthlyEndpointCount[], homeId: number): NewMonthlyRow[] {
  const rows: NewMonthlyRow[] = [];
  const totals = new Map<string, { endpoints: number; seats: number }>();
  for (const r of counts) {
    const t = totals.get(r.month) ?? { endpoints: 0, seats: 0 };
    t.endpoints += r.endpoints;
    if (r.organization_id !== homeId) t.seats += r.seats;
    totals.set(r.month, t);
    if (r.organization_id === null || r.organization_id === homeId) continue;
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'endpoints_managed', value: r.endpoints, notes: NOTE });
    rows.push({ organization_id: r.organization_id, period: r.month, metric_name: 'seats_managed', value: r.seats, notes: NOTE });
  }
  for (const [month, t] of totals) {
    rows.push({ organization_id: homeId, period: month, metric_name: 'endpoints_managed', value: t.endpoints, notes: `${NOTE}, every organisation` });
    rows.push({ organization_id: homeId, period: month, metric_name: 'seats_managed', value: t.seats, notes: `${NOTE}, client organisations only` });
  }
  return rows;
}
