import { sql, type Kysely } from 'kysely';

// Windows 11 24H2 readiness: the latest assessment of each NinjaOne device,
// written by the windows11-assessment job from the latest snapshot.
// Frozen once landed: later changes go in new migrations.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('windows11_assessments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('device_identity_id', 'integer', (c) => c.notNull().unique().references('device_identity.id').onDelete('cascade'))
    .addColumn('snapshot_date', 'date', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('vendor_organization_name', 'text')
    .addColumn('hostname', 'text')
    .addColumn('display_name', 'text')
    .addColumn('location_name', 'text')
    .addColumn('device_type', 'text')
    .addColumn('os_name', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('compatible', 'remediable', 'incompatible', 'unknown', 'excluded')`))
    .addColumn('excluded_reason', 'text')
    // [{requirement, status, current_value, required_value, remediation}]
    .addColumn('deficiencies', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('passed_requirements', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // The processor as read from its name: vendor, family, model, generation, support, reason.
    .addColumn('cpu', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // The hardware facts the verdict rests on, for the lists.
    .addColumn('hardware', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('assessed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('windows11_assessments_org_outcome').on('windows11_assessments').columns(['organization_id', 'outcome']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('windows11_assessments').ifExists().execute();
}
