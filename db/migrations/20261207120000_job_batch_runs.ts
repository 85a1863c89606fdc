import type { Kysely } from 'kysely';

// A batch can follow runs it did not start: a trigger that finds every
// requested job already under way answers with a batch that tracks those
// runs, so the caller always has a batch to poll. job_runs.batch_id stays the
// batch that started the run; this table adds the batches that follow it.
// Frozen once landed: later changes go in new migrations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_batch_runs')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('job_batches.batch_id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('job_runs.job_id').onDelete('cascade'))
    .addPrimaryKeyConstraint('job_batch_runs_pk', ['batch_id', 'job_id'])
    .execute();
  await db.schema.createIndex('job_batch_runs_job').on('job_batch_runs').column('job_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_batch_runs').ifExists().execute();
}
