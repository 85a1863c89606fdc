import { daysBetween } from '../vendors';

// How old the data is, in the original's words. One vocabulary for each
// vendor (vendor_status) and for the data as a whole (data_status), so that a
// dashboard reads both the same way.

export const FRESHNESS_STATUSES = ['current', 'yesterday', 'stale', 'very_stale', 'no_data'] as const;
export type FreshnessStatus = (typeof FRESHNESS_STATUSES)[number];

export function freshnessOf(latestDate: string | null, today: string) {
  if (!latestDate) return { latest_date: null, freshness_status: 'no_data' as FreshnessStatus, freshness_message: 'No data collected yet', days_old: null };
  const days = Math.max(0, daysBetween(latestDate, today));
  const [status, message]: [FreshnessStatus, string] =
    days === 0
      ? ['current', 'Data is current']
      : days === 1
        ? ['yesterday', 'Data is from yesterday']
        : days <= 3
          ? ['stale', `Data is ${days} days old`]
          : ['very_stale', `Data is ${days} days old`];
  return { latest_date: latestDate, freshness_status: status, freshness_message: message, days_old: days };
}

/**
 * Overall data status: a comparison of the two vendors is as fresh as the
 * older of them, so it takes that vendor's freshness; the message says when
 * the vendors are on different days.
 */
export function dataStatusOf(ninjaDate: string | null, tlDate: string | null, today: string): { status: FreshnessStatus; message: string; latest_date: string | null } {
  if (!ninjaDate || !tlDate) {
    return { status: 'no_data', message: 'Waiting for the first collection from both vendors', latest_date: ninjaDate ?? tlDate ?? null };
  }
  const older = freshnessOf(ninjaDate < tlDate ? ninjaDate : tlDate, today);
  const message = ninjaDate === tlDate ? older.freshness_message : `NinjaOne data is from ${ninjaDate}, ThreatLocker data from ${tlDate}`;
  return { status: older.freshness_status, message, latest_date: older.latest_date };
}
