import { sql } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { QbrDataSource, QbrPeriodType, QbrVendor } from '@/db/types-domain/qbr';
import type { Scope } from '@/db/scope';

// Reads and writes of the QBR tables. Writers replace whole slices (an
// organisation set × periods × source) so that re-running a period is
// idempotent; callers wrap them in one transaction.

const CHUNK = 1000;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

// ---------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------

export type QbrOrganization = { id: number; name: string; is_home: boolean };

export async function homeOrganization(db: Db): Promise<QbrOrganization | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_home', '=', true)
    .where('is_deleted', '=', false)
    .executeTakeFirst();
}

/** Live organisations the scope may see, the home organisation first. */
export async function listQbrOrganizations(db: Db, scope: Scope): Promise<QbrOrganization[]> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'is_home'])
    .where('is_deleted', '=', false)
    .where(inScope(scope, 'organizations.id'))
    .orderBy('is_home', 'desc')
    .orderBy('name')
    .execute();
}

export async function findQbrOrganization(db: Db, id: number): Promise<QbrOrganization | undefined> {
  return db.selectFrom('organizations').select(['id', 'name', 'is_home']).where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst();
}

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Monthly metrics
// ---------------------------------------------------------------------------

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

/** Writes hand-entered values (one per metric), replacing earlier manual entries for the same metric and month. */
export async function upsertManualRows(
  db: Db,
  rows: readonly { organization_id: number; period: string; metric_name: string; value: number; is_override: boolean; notes: string | null; updated_by: number | null }[],
): Promise<void> {
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

// ---------------------------------------------------------------------------
// Quarterly metrics and SmartNumbers
// ---------------------------------------------------------------------------

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

export type NewSmartnumberRow = { organization_id: number; period: string; period_type: QbrPeriodType; kpi_name: string; value: number | null; calculation_method: string; notes: string | null };

export async function replaceSmartnumbers(db: Db, organizationIds: readonly number[], periods: readonly string[], rows: readonly NewSmartnumberRow[]) {
  if (organizationIds.length === 0 || periods.length === 0) return;
  await db.deleteFrom('smartnumbers').where('organization_id', 'in', organizationIds).where('period', 'in', periods).execute();
  await insertChunked(rows, (chunk) =>
    db
      .insertInto('smartnumbers')
      .values(chunk.map(({ value, ...r }) => ({ ...r, kpi_value: value === null ? null : String(value), data_source: 'calculated' as const })))
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

export type SmartnumberRow = { period: string; period_type: QbrPeriodType; kpi_name: string; value: number | null; calculation_method: string; notes: string | null; updated_at: Date };

export async function loadSmartnumberRows(db: Db, organizationId: number, periods: readonly string[]): Promise<SmartnumberRow[]> {
  if (periods.length === 0) return [];
  const rows = await db
    .selectFrom('smartnumbers')
    .select(['period', 'period_type', 'kpi_name', 'kpi_value', 'calculation_method', 'notes', 'updated_at'])
    .where('organization_id', '=', organizationId)
    .where('period', 'in', periods)
    .orderBy('period')
    .execute();
  return rows.map(({ kpi_value, ...r }) => ({ ...r, value: kpi_value === null ? null : Number(kpi_value) }));
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

// ---------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------

export type ThresholdRow = {
  id: number;
  organization_id: number | null;
  metric_name: string;
  direction: 'higher_is_better' | 'lower_is_better';
  green: number;
  yellow: number;
  red: number;
  notes: string | null;
  updated_at: Date;
};

/** The organisation's own thresholds and the global defaults (organisation rows first per metric). */
export async function loadThresholds(db: Db, organizationId: number | null): Promise<ThresholdRow[]> {
  const rows = await db
    .selectFrom('thresholds')
    .select(['id', 'organization_id', 'metric_name', 'direction', 'green_threshold', 'yellow_threshold', 'red_threshold', 'notes', 'updated_at'])
    .where((eb) => (organizationId === null ? eb('organization_id', 'is', null) : eb.or([eb('organization_id', 'is', null), eb('organization_id', '=', organizationId)])))
    .orderBy('metric_name')
    .orderBy(sql`organization_id is null`)
    .execute();
  return rows.map(({ green_threshold, yellow_threshold, red_threshold, ...r }) => ({ ...r, green: Number(green_threshold), yellow: Number(yellow_threshold), red: Number(red_threshold) }));
}

export async function findThreshold(db: Db, organizationId: number | null, metricName: string): Promise<ThresholdRow | undefined> {
  return (await loadThresholds(db, organizationId)).find((t) => t.metric_name === metricName && t.organization_id === organizationId);
}

export async function saveThreshold(
  db: Db,
  input: { organization_id: number | null; metric_name: string; direction: 'higher_is_better' | 'lower_is_better'; green: number; yellow: number; notes: string | null; updated_by: number | null },
): Promise<void> {
  const values = { direction: input.direction, green_threshold: String(input.green), yellow_threshold: String(input.yellow), notes: input.notes, updated_by: input.updated_by };
  const existing = await findThreshold(db, input.organization_id, input.metric_name);
  if (existing) {
    await db.updateTable('thresholds').set({ ...values, updated_at: sql`now()` }).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('thresholds').values({ ...values, organization_id: input.organization_id, metric_name: input.metric_name }).execute();
  }
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

export async function readQbrSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('qbr_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : undefined;
}

export async function writeQbrSetting(db: Db, key: string, value: unknown, by: number | null): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('qbr_settings')
    .values({ key, value: json, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: by, updated_at: sql`now()` }))
    .execute();
}

export type AccountMappingRow = { account_name: string; category: string };

export async function listAccountMappings(db: Db): Promise<AccountMappingRow[]> {
  return db.selectFrom('qbr_account_mappings').select(['account_name', 'category']).orderBy('account_name').execute();
}

export async function replaceAccountMappings(db: Db, rows: readonly AccountMappingRow[], by: number | null): Promise<void> {
  await db.deleteFrom('qbr_account_mappings').execute();
  await insertChunked(rows, (chunk) => db.insertInto('qbr_account_mappings').values(chunk.map((r) => ({ ...r, updated_by: by }))).execute());
}

export type VendorMappingRow = { organization_id: number; vendor: QbrVendor; external_id: string; external_name: string | null };

export async function listVendorMappings(db: Db, vendor?: QbrVendor): Promise<VendorMappingRow[]> {
  let q = db
    .selectFrom('qbr_vendor_mappings')
    .innerJoin('organizations', 'organizations.id', 'qbr_vendor_mappings.organization_id')
    .select(['qbr_vendor_mappings.organization_id', 'qbr_vendor_mappings.vendor', 'qbr_vendor_mappings.external_id', 'qbr_vendor_mappings.external_name'])
    .where('organizations.is_deleted', '=', false);
  if (vendor) q = q.where('qbr_vendor_mappings.vendor', '=', vendor);
  return q.orderBy('qbr_vendor_mappings.vendor').orderBy('qbr_vendor_mappings.organization_id').execute();
}

export async function replaceVendorMappings(db: Db, rows: readonly VendorMappingRow[], by: number | null): Promise<void> {
  await db.deleteFrom('qbr_vendor_mappings').execute();
  await insertChunked(rows, (chunk) => db.insertInto('qbr_vendor_mappings').values(chunk.map((r) => ({ ...r, updated_by: by }))).execute());
}

// ---------------------------------------------------------------------------
// Encrypted vendor tokens
// ---------------------------------------------------------------------------

export async function readVendorToken(db: Db, connection: string) {
  return db.selectFrom('qbr_vendor_tokens').select(['seed_hash', 'encrypted_token', 'rotated_at']).where('connection', '=', connection).executeTakeFirst();
}

/** One statement, so a rotated token is either wholly stored or not at all. */
export async function writeVendorToken(db: Db, connection: string, seedHash: string, encryptedToken: string): Promise<void> {
  await db
    .insertInto('qbr_vendor_tokens')
    .values({ connection, seed_hash: seedHash, encrypted_token: encryptedToken })
    .onConflict((oc) => oc.column('connection').doUpdateSet({ seed_hash: seedHash, encrypted_token: encryptedToken, rotated_at: sql`now()` }))
    .execute();
}

// ---------------------------------------------------------------------------
// Job runs (freshness)
// ---------------------------------------------------------------------------

export type LatestRuns = { job_name: string; last_run: { status: string; ended_at: Date | null; created_at: Date; error: string | null } | null; last_success_at: Date | null };

export async function latestRunsOf(db: Db, jobNames: readonly string[]): Promise<LatestRuns[]> {
  const out: LatestRuns[] = [];
  if (jobNames.length === 0) return out;
  const last = await db
    .selectFrom('job_runs')
    .select(['job_name', 'status', 'ended_at', 'created_at', 'error'])
    .distinctOn('job_name')
    .where('job_name', 'in', jobNames)
    .where('status', 'in', ['completed', 'failed'])
    .orderBy('job_name')
    .orderBy('created_at', 'desc')
    .execute();
  const success = await db
    .selectFrom('job_runs')
    .select(['job_name', (eb) => eb.fn.max('ended_at').as('ended_at')])
    .where('job_name', 'in', jobNames)
    .where('status', '=', 'completed')
    .groupBy('job_name')
    .execute();
  for (const name of jobNames) {
    const l = last.find((r) => r.job_name === name);
    const s = success.find((r) => r.job_name === name);
    out.push({
      job_name: name,
      last_run: l ? { status: l.status, ended_at: l.ended_at, created_at: l.created_at, error: l.error } : null,
      last_success_at: s?.ended_at ? new Date(s.ended_at) : null,
    });
  }
  return out;
}
