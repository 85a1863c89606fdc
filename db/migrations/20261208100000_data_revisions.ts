import { sql, type Kysely } from 'kysely';

// A counter per table that dashboards read, raised by every statement that
// changes the table. Reads that are costly to compute (the variance report,
// /api/status, the QBR pages) are kept in memory and served with an ETag
// while the counters of the tables they read stand still; a change in any of
// them, committed by any process, is seen by the next request.
// The trigger runs once per statement (not per row), so a collector that
// writes 50,000 snapshot rows raises the counter once.
// Frozen once landed: later changes go in new migrations.

const TRACKED_TABLES = [
  // shared
  'organizations',
  'app_settings',
  'job_runs',
  'job_batches',
  // inventory
  'vendor_organizations',
  'site',
  'site_alias',
  'device_identity',
  'device_snapshot',
  'daily_counts',
  'month_end_counts',
  'exceptions',
  'exception_observations',
  'variance_checks',
  'change_log',
  'windows11_assessments',
  // QBR
  'periods',
  'metrics_monthly',
  'metrics_quarterly',
  'smartnumbers',
  'thresholds',
  'qbr_settings',
  'qbr_account_mappings',
  'qbr_vendor_mappings',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_revisions')
    .addColumn('table_name', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    create function bump_data_revision() returns trigger language plpgsql as $$
    begin
      insert into data_revisions (table_name, revision) values (tg_table_name, 1)
      on conflict (table_name) do update set revision = data_revisions.revision + 1;
      return null;
    end $$`.execute(db);
  for (const table of TRACKED_TABLES) {
    await sql`insert into data_revisions (table_name, revision) values (${table}, 0)`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_data_revision`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_data_revision()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TRACKED_TABLES) await sql`drop trigger if exists ${sql.id(`${table}_data_revision`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists bump_data_revision()`.execute(db);
  await db.schema.dropTable('data_revisions').ifExists().execute();
}
