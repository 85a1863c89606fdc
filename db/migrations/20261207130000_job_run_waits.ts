import { sql, type Kysely } from 'kysely';

// A run that starts after others: it is recorded (queued) at once, and handed
// to the queue by whichever of those runs ends last. This is how one job
// chains the next without polling (the checks after the collectors, the
// Windows 11 assessment after a batch, a batch's callback after the batch).
// `waits_for` holds the ids of the runs still open when the wait began (a
// JSON array: the list is short, and so is this table). `data` and
// `send_options` are what the run is queued with once they have ended.
// Frozen once landed: later changes go in new migrations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_run_waits')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('job_runs.job_id').onDelete('cascade'))
    .addColumn('waits_for', 'jsonb', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('send_options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_run_waits').ifExists().execute();
}
