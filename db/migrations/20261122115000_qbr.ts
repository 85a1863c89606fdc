import { sql, type Kysely } from 'kysely';

// QBR: periods, monthly and quarterly metrics, SmartNumbers, thresholds, and
// the configuration the collectors read (reactive boards, closed statuses,
// QuickBooks account categories, vendor ↔ organisation mappings), plus the
// encrypted QuickBooks refresh token. Frozen once landed.

const now = sql`now()`;
const SOURCES = sql`data_source in ('collected', 'manual', 'quickbooks', 'calculated')`;

// Proposed defaults from research (msp.md §3); superusers edit them. Ratios are fractions.
const DEFAULT_THRESHOLDS: [string, 'higher_is_better' | 'lower_is_better', number, number, string][] = [
  ['tickets_per_endpoint_per_month', 'lower_is_better', 0.5, 1, 'Reactive tickets per endpoint (TEM): ≤0.5 / ≤1.0 / >1.0 (proposed)'],
  ['rhem', 'lower_is_better', 0.25, 0.5, 'RHEM: green ≤0.25 h (15 min) per endpoint-month; ≤0.5 yellow (proposed)'],
  ['total_close_pct', 'higher_is_better', 1, 0.9, 'Kill ratio (closed ÷ opened): ≥1.0 / 0.9–1.0 / <0.9 (proposed)'],
  ['sla_attainment_pct', 'higher_is_better', 0.92, 0.85, 'SLA attainment: ≥92% / 85–92% / <85%'],
  ['avg_response_hours', 'lower_is_better', 1, 4, 'Average time to first response: ≤1 h / ≤4 h / >4 h'],
  ['aged_backlog', 'lower_is_better', 0, 3, 'Open reactive tickets older than 30 days: 0 / 1–3 / >3 (proposed)'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('periods')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('period_type', 'text', (c) => c.notNull().check(sql`period_type in ('monthly', 'quarterly')`))
    .addColumn('period_value', 'text', (c) => c.notNull().unique())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`
    insert into periods (period_type, period_value, start_date, end_date)
    select 'monthly', to_char(d, 'YYYY-MM'), d::date, (d + interval '1 month' - interval '1 day')::date
    from generate_series(date '2023-01-01', date '2030-12-01', interval '1 month') d
    union all
    select 'quarterly', to_char(d, 'YYYY') || '-Q' || extract(quarter from d)::int, d::date, (d + interval '3 months' - interval '1 day')::date
    from generate_series(date '2023-01-01', date '2030-10-01', interval '3 months') d`.execute(db);

  await db.schema
    .createTable('metrics_monthly')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('metric_name', 'text', (c) => c.notNull())
    .addColumn('metric_value', 'numeric', (c) => c.notNull())
    .addColumn('data_source', 'text', (c) => c.notNull().check(SOURCES))
    .addColumn('is_override', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('notes', 'text')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('metrics_monthly_one_per_source', ['organization_id', 'period', 'metric_name', 'data_source'])
    .execute();

  await db.schema
    .createTable('metrics_quarterly')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-Q[1-4]$'`))
    .addColumn('metric_name', 'text', (c) => c.notNull())
    .addColumn('metric_value', 'numeric', (c) => c.notNull())
    .addColumn('data_source', 'text', (c) => c.notNull().defaultTo('calculated').check(SOURCES))
    .addColumn('months_with_data', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('metrics_quarterly_one', ['organization_id', 'period', 'metric_name'])
    .execute();

  await db.schema
    .createTable('smartnumbers')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_type', 'text', (c) => c.notNull().check(sql`period_type in ('monthly', 'quarterly')`))
    .addColumn('kpi_name', 'text', (c) => c.notNull())
    // null when a divisor is missing or zero ("n/a"), never infinity.
    .addColumn('kpi_value', 'numeric')
    .addColumn('calculation_method', 'text', (c) => c.notNull())
    .addColumn('data_source', 'text', (c) => c.notNull().defaultTo('calculated').check(SOURCES))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('smartnumbers_one', ['organization_id', 'period', 'kpi_name'])
    .execute();

  await db.schema
    .createTable('thresholds')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    // null: the global default for every organisation without its own row.
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('metric_name', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('higher_is_better', 'lower_is_better')`))
    .addColumn('green_threshold', 'numeric', (c) => c.notNull())
    .addColumn('yellow_threshold', 'numeric', (c) => c.notNull())
    // Anything beyond the yellow bound is red; kept as a column so readers see all three bounds.
    .addColumn('red_threshold', 'numeric', (c) => c.generatedAlwaysAs(sql`yellow_threshold`).stored())
    .addColumn('notes', 'text')
    .addColumn('updated_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'thresholds_green_beats_yellow',
      sql`(direction = 'higher_is_better' and green_threshold >= yellow_threshold) or (direction = 'lower_is_better' and green_threshold <= yellow_threshold)`,
    )
    .execute();
  await sql`create unique index thresholds_global_one on thresholds (metric_name) where organization_id is null`.execute(db);
  await sql`create unique index thresholds_org_one on thresholds (organization_id, metric_name) where organization_id is not null`.execute(db);
  for (const [name, direction, green, yellow, notes] of DEFAULT_THRESHOLDS) {
    await db
      .insertInto('thresholds')
      .values({ metric_name: name, direction, green_threshold: String(green), yellow_threshold: String(yellow), notes })
      .execute();
  }

  // One row per setting: reactive_boards, closed_statuses (JSON arrays).
  await db.schema
    .createTable('qbr_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db
    .insertInto('qbr_settings')
    .values([
      { key: 'reactive_boards', value: JSON.stringify(['Help Desk']) },
      { key: 'closed_statuses', value: JSON.stringify(['>Closed', '>Closed - No response', 'Closed']) },
    ])
    .execute();

  await db.schema
    .createTable('qbr_account_mappings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index qbr_account_mappings_name on qbr_account_mappings (lower(account_name))`.execute(db);

  await db.schema
    .createTable('qbr_vendor_mappings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('vendor', 'text', (c) => c.notNull().check(sql`vendor in ('connectwise', 'quickbooks')`))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('external_name', 'text')
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('qbr_vendor_mappings_external', ['vendor', 'external_id'])
    .addUniqueConstraint('qbr_vendor_mappings_org', ['vendor', 'organization_id'])
    .execute();

  // The newest QuickBooks refresh token, AES-256-GCM encrypted. `seed_hash`
  // names the configured token the chain started from, so that a new
  // QUICKBOOKS_REFRESH_TOKEN (a reconnect) replaces a stored chain.
  await db.schema
    .createTable('qbr_vendor_tokens')
    .addColumn('connection', 'text', (c) => c.primaryKey())
    .addColumn('seed_hash', 'text', (c) => c.notNull())
    .addColumn('encrypted_token', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'qbr_vendor_tokens',
    'qbr_vendor_mappings',
    'qbr_account_mappings',
    'qbr_settings',
    'thresholds',
    'smartnumbers',
    'metrics_quarterly',
    'metrics_monthly',
    'periods',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
