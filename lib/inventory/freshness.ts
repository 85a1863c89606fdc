import { daysBetween } from './vendors';

// How old a vendor's data is, in the original's words.

export type FreshnessStatus = 'current' | 'yesterday' | 'stale' | 'very_stale' | 'no_data';

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

/** Overall data status: both vendors on the same, recent day. */
export function dataStatusOf(ninjaDate: string | null, tlDate: string | null, today: string) {
  if (!ninjaDate || !tlDate) {
    return { status: 'no_data', message: 'Waiting for the first collection from both vendors', latest_date: ninjaDate ?? tlDate ?? null };
  }
  if (ninjaDate !== tlDate) {
    return { status: 'out_of_sync', message: `NinjaOne data is from ${ninjaDate}, ThreatLocker data from ${tlDate}`, latest_date: ninjaDate < tlDate ? ninjaDate : tlDate };
  }
  const days = daysBetween(ninjaDate, today);
  return days <= 1
    ? { status: 'current', message: 'Data is current', latest_date: ninjaDate }
    : { status: 'stale_data', message: `The latest data is ${days} days old`, latest_date: ninjaDate };
}
