import type { Db } from '@/db';

// Module reports as they arrive (lib/drupal/ingest.ts): stored durably, found
// again by their idempotency key.

export async function insertModuleReport(
  db: Db,
  row: {
    site_id: number;
    organization_id: number;
    format: string;
    payload: string;
    payload_sha256: string;
    idempotency_key: string | null;
    size_bytes: number;
    entry_count: number;
    warnings: readonly string[];
    received_by: string;
  },
) {
  return db
    .insertInto('module_reports')
    .values({ ...row, warnings: JSON.stringify(row.warnings) })
    .returning(['id', 'received_at', 'status'])
    .executeTakeFirstOrThrow();
}

export async function findReportByIdempotencyKey(db: Db, siteId: number, key: string) {
  return db
    .selectFrom('module_reports')
    .select(['id', 'format', 'status', 'received_at', 'payload', 'warnings'])
    .where('site_id', '=', siteId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}
