import { sql } from 'kysely';
import type { Db } from '@/db';
import type { QbrPeriodType } from '@/db/types-domain/qbr';
import { insertChunked } from './chunked';

export type PeriodRow = { period_type: QbrPeriodType; period_value: string; start_date: string; end_date: string; is_active: boolean };

export async function listPeriods(db: Db, filter: { type?: QbrPeriodType; values?: readonly string[]; from?: string; to?: string } = {}): Promise<PeriodRow[]> {
  let q = db.selectFrom('periods').select(['period_type', 'period_value', 'start_date', 'end_date', 'is_active']);
  if (filter.type) q = q.where('period_type', '=', filter.type);
  if (filter.values) q = filter.values.length === 0 ? q.where(sql<boolean>`false`) : q.where('period_value', 'in', filter.values);
  if (filter.from) q = q.where('end_date', '>=', filter.from);
  if (filter.to) q = q.where('start_date', '<=', filter.to);
  return q.orderBy('start_date').orderBy('period_type').execute();
}

/** Adds periods that are not there yet (data beyond the seeded range). */
export async function ensurePeriods(db: Db, periods: readonly Omit<PeriodRow, 'is_active'>[]): Promise<void> {
  if (periods.length === 0) return;
  await insertChunked(periods, (chunk) =>
    db
      .insertInto('periods')
      .values(chunk)
      .onConflict((oc) => oc.column('period_value').doNothing())
      .execute(),
  );
}
