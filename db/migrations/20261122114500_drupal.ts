import { sql, type Kysely } from 'kysely';

// Drupal module monitoring: projects and their releases, what each site runs,
// its history, the reports sites send, patch runs, sent notifications and
// the mail outbox. Frozen once landed: later changes go in new migrations.

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  // One row per drupal.org project (or custom extension name); submodules collapse into it.
  await db.schema
    .createTable('modules')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('module_name', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('drupal_link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // Every version seen, from release histories or from reports.
  await db.schema
    .createTable('module_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('module_id', 'integer', (c) => c.notNull().references('modules.id').onDelete('cascade'))
    .addColumn('version_number', 'text', (c) => c.notNull())
    .addColumn('release_date', 'timestamptz')
    .addColumn('is_published', 'boolean')
    .addColumn('is_security_release', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_insecure', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_unsupported', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('release_types', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('core_compatibility', 'text')
    .addColumn('release_link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('module_versions_module_version', ['module_id', 'version_number'])
    .execute();

  // The parsed release history of each project, fetched once per project.
  await db.schema
    .createTable('module_release_caches')
    .addColumn('module_id', 'integer', (c) => c.primaryKey().references('modules.id').onDelete('cascade'))
    .addColumn('fetch_status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`fetch_status in ('pending', 'ok', 'not_found', 'error')`),
    )
    .addColumn('history', 'jsonb')
    .addColumn('project_status', 'text')
    .addColumn('supported_branches', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('fetched_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addColumn('data_changed_at', 'timestamptz')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('module_release_caches_due').on('module_release_caches').column('next_fetch_at').execute();

  // Every report a site sent, stored before the 202 and applied by a worker.
  await db.schema
    .createTable('module_reports')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('payload_sha256', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('entry_count', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'processed', 'failed')`),
    )
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  await sql`create unique index module_reports_idempotency on module_reports (site_id, idempotency_key) where idempotency_key is not null`.execute(db);
  await sql`create index module_reports_pending on module_reports (site_id, id) where status = 'pending'`.execute(db);
  await db.schema.createIndex('module_reports_site_time').on('module_reports').columns(['site_id', 'received_at']).execute();

  // What each site runs now, with the verdict Drupal core would give.
  await db.schema
    .createTable('site_modules')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('module_id', 'integer', (c) => c.notNull().references('modules.id').onDelete('cascade'))
    .addColumn('current_version', 'text')
    .addColumn('current_version_id', 'integer', (c) => c.references('module_versions.id').onDelete('set null'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('core', 'module', 'theme', 'custom')`))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('extensions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_fetched'))
    .addColumn('status_reason', 'text')
    .addColumn('update_available', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('security_update', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recommended_version', 'text')
    .addColumn('latest_version', 'text')
    .addColumn('security_releases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('verdict_at', 'timestamptz')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .addColumn('accepted_risk_reason', 'text')
    .addColumn('accepted_risk_expires_at', 'timestamptz')
    .addColumn('accepted_risk_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('accepted_risk_at', 'timestamptz')
    .addUniqueConstraint('site_modules_site_module', ['site_id', 'module_id'])
    .execute();
  await db.schema.createIndex('site_modules_module').on('site_modules').columns(['module_id', 'current_version']).execute();
  await sql`create index site_modules_updates on site_modules (site_id) where removed_at is null and (update_available or security_update)`.execute(db);

  // Run-length version history: one row per version a site ran, first and last seen.
  await db.schema
    .createTable('site_module_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('module_id', 'integer', (c) => c.notNull().references('modules.id').onDelete('cascade'))
    .addColumn('version', 'text')
    .addColumn('previous_version', 'text')
    .addColumn('first_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen', 'timestamptz', (c) => c.notNull())
    .addColumn('report_id', 'bigint', (c) => c.references('module_reports.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('site_module_history_site_module').on('site_module_history').columns(['site_id', 'module_id', 'id']).execute();
  await db.schema.createIndex('site_module_history_module').on('site_module_history').columns(['module_id', 'first_seen']).execute();

  await db.schema
    .createTable('patch_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('run_date', 'timestamptz', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual', 'history')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('patch_runs_site_date').on('patch_runs').columns(['site_id', 'run_date']).execute();

  await db.schema
    .createTable('patch_run_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('patch_run_id', 'integer', (c) => c.notNull().references('patch_runs.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('module_id', 'integer', (c) => c.notNull().references('modules.id').onDelete('cascade'))
    .addColumn('from_version', 'text')
    .addColumn('to_version', 'text', (c) => c.notNull())
    .addColumn('release_date', 'timestamptz')
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lag_seconds', 'bigint')
    .addColumn('is_security', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('patch_run_items_run').on('patch_run_items').column('patch_run_id').execute();
  await db.schema.createIndex('patch_run_items_applied').on('patch_run_items').columns(['applied_at', 'site_id']).execute();

  // Findings already sent to a user: the unique key is what makes "never twice" hold.
  await db.schema
    .createTable('drupal_notifications')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('module_id', 'integer', (c) => c.notNull().references('modules.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('security', 'update')`))
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('installed_version', 'text')
    .addColumn('target_version', 'text')
    .addColumn('cadence', 'text', (c) => c.notNull().check(sql`cadence in ('immediate', 'daily', 'weekly')`))
    .addColumn('mail_id', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('drupal_notifications_user_finding', ['user_id', 'finding_key'])
    .execute();

  // Every e-mail the system sends; without SMTP_URL it stays here for superusers to read.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('stored', 'sent', 'failed')`))
    .addColumn('transport', 'text', (c) => c.notNull().check(sql`transport in ('smtp', 'outbox')`))
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('mail_outbox_time').on('mail_outbox').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mail_outbox',
    'drupal_notifications',
    'patch_run_items',
    'patch_runs',
    'site_module_history',
    'site_modules',
    'module_reports',
    'module_release_caches',
    'module_versions',
    'modules',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
