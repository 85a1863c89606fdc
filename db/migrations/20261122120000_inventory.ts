import { sql, type Kysely } from 'kysely';

// Inventory hub: vendors and their lookups, daily device snapshots, the
// vendor-organisation mapping to our organisations, cross-vendor exceptions
// with their lifecycle, and the daily / month-end aggregates.
// Frozen once landed: later changes go in new migrations.

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vendor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();
  // Fixed ids: code refers to them as constants (lib/inventory/vendors.ts).
  await db.insertInto('vendor').values([{ id: 1, name: 'Ninja' }, { id: 2, name: 'ThreatLocker' }]).execute();

  for (const [table, codes] of [
    ['device_type', ['server', 'workstation', 'unknown']],
    ['billing_status', ['billable', 'spare', 'unknown']],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto(table)
      .values(codes.map((code, i) => ({ id: i + 1, code, name: code[0]!.toUpperCase() + code.slice(1) })))
      .execute();
  }

  await db.schema
    .createTable('vendor_organizations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
    .addColumn('vendor_org_id', 'text', (c) => c.notNull())
    .addColumn('vendor_org_name', 'text', (c) => c.notNull())
    // The mapping in force: only confirmed rows place devices in a tenant.
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed').check(sql`status in ('proposed', 'confirmed', 'ignored')`))
    .addColumn('proposed_organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('proposal_score', 'double precision')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('vendor_organizations_vendor_key', ['vendor_id', 'vendor_org_id'])
    .execute();
  await db.schema.createIndex('vendor_organizations_org').on('vendor_organizations').column('organization_id').execute();

  for (const table of ['site', 'site_alias'] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
      .addColumn('vendor_site_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull());
    if (table === 'site_alias') builder = builder.addColumn('canonical_name', 'text', (c) => c.notNull());
    else builder = builder.addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'));
    await builder
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addUniqueConstraint(`${table}_vendor_key`, ['vendor_id', 'vendor_site_key'])
      .execute();
  }

  await db.schema
    .createTable('device_identity')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
    .addColumn('vendor_device_key', 'text', (c) => c.notNull())
    .addColumn('first_seen_date', 'date', (c) => c.notNull())
    .addColumn('last_seen_date', 'date', (c) => c.notNull())
    .addUniqueConstraint('device_identity_vendor_key', ['vendor_id', 'vendor_device_key'])
    .execute();

  await db.schema
    .createTable('device_snapshot')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('snapshot_date', 'date', (c) => c.notNull())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
    .addColumn('device_identity_id', 'bigint', (c) => c.notNull().references('device_identity.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('device_type_id', 'integer', (c) => c.references('device_type.id'))
    .addColumn('billing_status_id', 'integer', (c) => c.references('billing_status.id'))
    // Our tenant, through the confirmed vendor-organisation mapping; null while unmapped.
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('vendor_organization_id', 'text')
    .addColumn('organization_name', 'text')
    .addColumn('hostname', 'text')
    // getHostnameKey(hostname): what every check, search and report compares on.
    .addColumn('hostname_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('display_name', 'text')
    .addColumn('serial_number', 'text')
    .addColumn('os_name', 'text')
    .addColumn('device_status', 'text')
    .addColumn('location_name', 'text')
    .addColumn('device_type_name', 'text')
    .addColumn('billable_status_name', 'text')
    .addColumn('last_online', 'timestamptz')
    .addColumn('agent_install_timestamp', 'timestamptz')
    // ThreatLocker
    .addColumn('computer_group', 'text')
    .addColumn('security_mode', 'text')
    .addColumn('deny_count_1d', 'integer')
    .addColumn('deny_count_3d', 'integer')
    .addColumn('deny_count_7d', 'integer')
    .addColumn('install_date', 'timestamptz')
    .addColumn('is_locked_out', 'boolean')
    .addColumn('is_isolated', 'boolean')
    .addColumn('agent_version', 'text')
    .addColumn('has_checked_in', 'boolean')
    // NinjaOne hardware (the Windows 11 assessment reads these)
    .addColumn('node_class', 'text')
    .addColumn('os_architecture', 'text')
    .addColumn('os_build', 'text')
    .addColumn('os_release_id', 'text')
    .addColumn('cpu_model', 'text')
    .addColumn('cpu_cores', 'integer')
    .addColumn('cpu_logical_cores', 'integer')
    .addColumn('cpu_max_clock_hz', 'bigint')
    .addColumn('system_manufacturer', 'text')
    .addColumn('system_model', 'text')
    .addColumn('memory_bytes', 'bigint')
    .addColumn('memory_gib', 'numeric(10, 2)')
    .addColumn('system_drive_bytes', 'bigint')
    .addColumn('volumes', 'text')
    .addColumn('has_tpm', 'boolean')
    .addColumn('tpm_enabled', 'boolean')
    .addColumn('tpm_version', 'text')
    .addColumn('secure_boot_available', 'boolean')
    .addColumn('secure_boot_enabled', 'boolean')
    .addColumn('windows_11_24h2_capable', 'boolean')
    .addColumn('windows_11_24h2_deficiencies', 'jsonb')
    .addColumn('raw', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('uq_device_snapshot_date_vendor_device', ['snapshot_date', 'vendor_id', 'device_identity_id'])
    .execute();
  await db.schema.createIndex('device_snapshot_vendor_date').on('device_snapshot').columns(['vendor_id', 'snapshot_date']).execute();
  await db.schema.createIndex('device_snapshot_date_key').on('device_snapshot').columns(['snapshot_date', 'hostname_key']).execute();
  await db.schema.createIndex('device_snapshot_org').on('device_snapshot').column('organization_id').execute();

  await db.schema
    .createTable('exceptions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('date_found', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('first_seen_date', 'date', (c) => c.notNull())
    .addColumn('last_seen_date', 'date', (c) => c.notNull())
    .addColumn('resolved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.generatedAlwaysAs(sql`case when resolved then 'resolved' else 'open' end`).stored())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addColumn('manually_updated_at', 'timestamptz')
    .addColumn('manually_updated_by', 'text')
    .addColumn('update_type', 'text')
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('notes', 'text')
    .addColumn('variance_status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`variance_status in ('active', 'manually_fixed', 'collector_verified', 'stale')`),
    )
    // [{at, date, from, to, by, reason}], oldest first.
    .addColumn('history', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Optimistic concurrency: every change bumps it; a caller's stale version is refused (409).
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('exceptions_type_hostname', ['type', 'hostname'])
    .execute();
  await db.schema.createIndex('exceptions_type_date').on('exceptions').columns(['type', 'date_found']).execute();
  await db.schema.createIndex('exceptions_hostname').on('exceptions').column('hostname').execute();
  await db.schema.createIndex('exceptions_resolved').on('exceptions').column('resolved').execute();
  await db.schema.createIndex('exceptions_org').on('exceptions').column('organization_id').execute();

  // Which exceptions each day's checks saw: historical reports and trends.
  await db.schema
    .createTable('exception_observations')
    .addColumn('exception_id', 'bigint', (c) => c.notNull().references('exceptions.id').onDelete('cascade'))
    .addColumn('observed_date', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('exception_observations_pk', ['observed_date', 'exception_id'])
    .execute();
  await db.schema.createIndex('exception_observations_exception').on('exception_observations').column('exception_id').execute();

  // One row per day the cross-vendor checks ran (also when they found nothing).
  await db.schema
    .createTable('variance_checks')
    .addColumn('check_date', 'date', (c) => c.primaryKey())
    .addColumn('ninja_snapshot_date', 'date')
    .addColumn('threatlocker_snapshot_date', 'date')
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('data_quality', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  for (const [table, dateColumn] of [
    ['daily_counts', 'snapshot_date'],
    ['month_end_counts', 'month_end_date'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn(dateColumn, 'date', (c) => c.notNull())
      .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
      .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('site_id', 'integer', (c) => c.references('site.id').onDelete('set null'))
      .addColumn('device_type_id', 'integer', (c) => c.references('device_type.id'))
      .addColumn('billing_status_id', 'integer', (c) => c.references('billing_status.id'))
      .addColumn('cnt', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_vendor_date`).on(table).columns(['vendor_id', dateColumn]).execute();
  }

  await db.schema
    .createTable('change_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('change_date', 'date', (c) => c.notNull())
    .addColumn('vendor_id', 'integer', (c) => c.notNull().references('vendor.id'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'integer')
    .addColumn('new_value', 'integer', (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('change_log_date_vendor_metric', ['change_date', 'vendor_id', 'metric'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'change_log',
    'month_end_counts',
    'daily_counts',
    'variance_checks',
    'exception_observations',
    'exceptions',
    'device_snapshot',
    'device_identity',
    'site_alias',
    'site',
    'vendor_organizations',
    'billing_status',
    'device_type',
    'vendor',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
