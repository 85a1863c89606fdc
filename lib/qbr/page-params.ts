import { notFound } from 'next/navigation';
import { AppError } from '@/lib/core/errors';
import { addMonths, addQuarters, monthOf, parsePeriod, quarterOf, type Period } from './model/periods';

// Search parameters of the QBR pages: a bad value falls back to the default
// instead of failing the page.

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function qbrPageParams(sp: SearchParams): { period?: Period; organization_id?: number } {
  const rawPeriod = first(sp.period);
  const parsed = rawPeriod ? parsePeriod(rawPeriod) : null;
  const rawOrg = Number(first(sp.organization_id));
  return {
    period: parsed?.ok ? parsed.value : undefined,
    organization_id: Number.isInteger(rawOrg) && rawOrg > 0 && rawOrg <= 2_147_483_647 ? rawOrg : undefined,
  };
}

/** The recent quarters and months to choose from, newest first, always including the one shown. */
export function periodOptions(current: string, now: Date = new Date()): { value: string; label: string }[] {
  const q = quarterOf(now);
  const m = monthOf(now);
  const options = [
    ...Array.from({ length: 12 }, (_, i) => addQuarters(q, -i)).map((p) => ({ value: p.key, label: `${p.year} Q${p.quarter}` })),
    ...Array.from({ length: 24 }, (_, i) => addMonths(m, -i)).map((p) => ({ value: p.key, label: `${p.key} (month)` })),
  ];
  return options.some((o) => o.value === current) ? options : [{ value: current, label: current }, ...options];
}

/** Runs a page's read; another tenant's or a forbidden organisation is simply not there. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden')) notFound();
    throw error;
  }
}
