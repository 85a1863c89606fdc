// The two inventory vendors as the database knows them. Their ids are fixed
// by the inventory migration; names are the keys the seed's JSON uses. Their
// collector jobs are defined in jobs.ts.

export const VENDORS = {
  ninja: { id: 1, name: 'Ninja', label: 'NinjaOne' },
  threatlocker: { id: 2, name: 'ThreatLocker', label: 'ThreatLocker' },
} as const;

export type VendorKey = keyof typeof VENDORS;


const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * The inventory day of an instant, in the schedule's time zone: a collection
 * at 02:10 Chicago time belongs to that Chicago date, whatever UTC says.
 */
export function inventoryDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
