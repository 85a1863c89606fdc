import { sql, type Kysely } from 'kysely';

// One pending apply per site. A report's transaction adds its site here and
// queues the site's apply job only when the site was not here yet; the worker
// removes the site, in a short transaction of its own, before it reads the
// site's pending reports. So a burst of reports from one site queues one job,
// and a report that arrives while its site is being applied queues the next.
// Frozen once landed: later changes go in new migrations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('drupal_apply_requests')
    .addColumn('site_id', 'integer', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('drupal_apply_requests').ifExists().execute();
}
