import { sql } from 'kysely';
import type { Db } from '@/db';
import type { QbrDataSource } from '@/db/types-domain/qbr';
import { insertChunked } from './chunked';

// Monthly values (one row per organisation, month, metric and source) and
// the quarterly roll-ups derived from them. Writers replace whole slices (an
// organisation set × periods × source) so that re-running a period is
// idempotent; callers wrap them in one transaction.

export type MonthlyRow = {
  organization_id: number;
  period: string;
  metric_name: string;
  value: number;
  data_source: QbrDataSource;
  is_override: boolean;
  notes: string | null;
  updated_by: number | null;
  updated_at: Date;
};

export async function loadMonthlyRows(db: Db, organizationIds: readonly number[], months: readonly string[]): Promise<MonthlyRow[]> {
  if (organizationIds.length === 0 || months.length === 0) return [];
  const rows = await db
    .selectFrom('metrics_monthly')
    .select(['organization_id', 'period', 'metric_name', 'metric_value', 'data_source', 'is_override', 'notes', 'updated_by', 'updated_at'])
    .where('organization_id', 'in', organizationIds)
    .where('period', 'in', months)
    .orderBy('period')
    .orderBy('metric_name')
    .execute();
  return rows.map(({ metric_value, ...r }) => ({ ...r, value: Number(metric_value) }));
}

export type NewMonthlyRow = { organization_id: number; period: string; metric_name: string; value: number; notes?: string | null };

/**
 * Replaces one source's values of the named metrics for the organisations
 * and months given: rows not in `rows` disappear, so a re-run leaves exactly
 * what the latest collection saw.
 */
export async function replaceMonthlySlice(
  db: Db,
  slice: { organizationIds: readonly number[]; months: readonly string[]; source: QbrDataSource; metricNames: readonly string[] },
  rows: readonly NewMonthlyRow[],
): Promise<void> {
  if (slice.organizationIds.length > 0 && slice.months.length > 0 && slice.metricNames.length > 0) {
    await db
      .deleteFrom('metrics_monthly')
      .where('organization_id', 'in', slice.organizationIds)
      .where('period', 'in', slice.months)
      .where('data_source', '=', slice.source)
      .where('metric_name', 'in', slice.metricNames)
      .execute();
  }
  await insertChunked(rows, (chunk) =>
    db
      .insertInto('metrics_monthly')
      .values(chunk.map((r) => ({ organization_id: r.organization_id, period: r.period, metric_name: r.metric_name, metric_value: String(r.value), data_source: slice.source, notes: r.notes ?? null })))
      .execute(),
  );
}

export type ManualRow = { organization_id: number; period: string; metric_name: string; value: number; is_override: boolean; notes: string | null; updated_by: number | null };

/** Writes hand-entered values (one per metric), replacing earlier manual entries for the same metric and month. */
export async function upsertManualRows(db: Db, rows: readonly ManualRow[]): Promise<void> {
  await insertChunked(rows, (chunk) =>
    db
      .insertInto('metrics_monthly')
      .values(chunk.map(({ value, ...r }) => ({ ...r, metric_value: String(value), data_source: 'manual' as const })))
      .onConflict((oc) =>
        oc.constraint('metrics_monthly_one_per_source').doUpdateSet((eb) => ({
          metric_value: eb.ref('excluded.metric_value'),
          is_override: eb.ref('excluded.is_override'),
          notes: eb.ref('excluded.notes'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: sql`now()`,
        })),
      )
      .execute(),
  );
}

/** Organisations with any monthly value in the months (besides those asked for). */
export async function organizationsWithMetrics(db: Db, months: readonly string[]): Promise<number[]> {
  if (months.length === 0) return [];
  const rows = await db.selectFrom('metrics_monthly').select('organization_id').distinct().where('period', 'in', months).execute();
  return rows.map((r) => r.organization_id);
}

/** Months with any value for the organisation, newest first. */
export async function monthsWithData(db: Db, organizationId: number, limit = 120): Promise<string[]> {
  const rows = await db
    .selectFrom('metrics_monthly')
    .select('period')
    .distinct()
    .where('organization_id', '=', organizationId)
    .orderBy('period', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.period);
}

/**
 * Holds the derived-metrics lock until the transaction ends: two collectors
 * finishing together would otherwise delete and insert the same derived rows at once.
 */
export async function lockDerivedMetrics(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('qbr-derive'))`.execute(trx);
}

export type NewQuarterlyRow = { organization_id: number; period: string; metric_name: string; value: number; months_with_data: number; notes: string | null };

export async function replaceQuarterly(db: Db, organizationIds: readonly number[], quarters: readonly string[], rows: readonly NewQuarterlyRow[]) {
  if (organizationIds.length === 0 || quarters.length === 0) return;
  await db.deleteFrom('metrics_quarterly').where('organization_id', 'in', organizationIds).where('period', 'in', quarters).execute();
  await insertChunked(rows, (chunk) =>
    db
      .insertInto('metrics_quarterly')
      .values(chunk.map(({ value, ...r }) => ({ ...r, metric_value: String(value), data_source: 'calculated' as const })))
      .execute(),
  );
}

export type QuarterlyRow = { period: string; metric_name: string; value: number; months_with_data: number; notes: string | null; updated_at: Date };

export async function loadQuarterlyRows(db: Db, organizationId: number, quarters: readonly string[]): Promise<QuarterlyRow[]> {
  if (quarters.length === 0) return [];
  const rows = await db
    .selectFrom('metrics_quarterly')
    .select(['period', 'metric_name', 'metric_value', 'months_with_data', 'notes', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('period', 'in', quarters)
    .orderBy('period')
    .orderBy('metric_name')
    .execute();
  return rows.map(({ metric_value, ...r }) => ({ ...r, value: Number(metric_value) }));
}
