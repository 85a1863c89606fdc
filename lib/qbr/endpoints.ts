import type { Db } from '@/db';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';
import { monthlyEndpointCounts } from '@/lib/inventory';
import { endpointRows } from './model/endpoints';

// Endpoints and seats come from the inventory's NinjaOne snapshots, counted
// on the latest snapshot day of each month.

/** Monthly `endpoints_managed` and `seats_managed` per organisation, plus the MSP-wide totals on the home organisation. */
export async function countEndpoints(db: Db, homeId: number, from: string, to: string): Promise<NewMonthlyRow[]> {
  return endpointRows(await monthlyEndpointCounts(db, from, to), homeId);
}
