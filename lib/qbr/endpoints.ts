import type { Db } from '@/db';
import { endpointCountsByMonth } from '@/db/queries/qbr/endpoints';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';
import { endpointRows } from './model/endpoints';

// Endpoints and seats come from the inventory slice's NinjaOne snapshots
// (vendor 1), counted on the latest snapshot day of each month.

const NINJA_VENDOR_ID = 1;

/** Monthly `endpoints_managed` and `seats_managed` per organisation, plus the MSP-wide totals on the home organisation. */
export async function countEndpoints(db: Db, homeId: number, from: string, to: string): Promise<NewMonthlyRow[]> {
  return endpointRows(await endpointCountsByMonth(db, NINJA_VENDOR_ID, from, to), homeId);
}
