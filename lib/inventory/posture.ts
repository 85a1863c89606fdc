import type { Db } from '@/db';
import { endpointCountsByMonth, type EndpointCountRow } from '@/db/queries/inventory/endpoint-counts';
import { threatLockerCoverage, windows11Readiness } from '@/db/queries/inventory/posture';
import { VENDORS } from './vendors';

// What the inventory tells the client QBR about an organisation: its Windows
// 11 24H2 readiness, its devices without ThreatLocker, and its endpoints and
// seats month by month. They take the database, not a caller: the report
// that reads them has authorised its reader for the organisation.

export type MonthlyEndpointCount = EndpointCountRow;

export async function inventoryPosture(db: Db, organizationId: number) {
  const [windows11, threatlocker] = await Promise.all([windows11Readiness(db, organizationId), threatLockerCoverage(db, organizationId)]);
  return { windows11, threatlocker };
}

/** Per month (`YYYY-MM`) and organisation, the NinjaOne endpoints and seats on the month's last snapshot day between `from` and `to`. */
export function monthlyEndpointCounts(db: Db, from: string, to: string): Promise<MonthlyEndpointCount[]> {
  return endpointCountsByMonth(db, VENDORS.ninja.id, from, to);
}
