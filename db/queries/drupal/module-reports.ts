import { sql, type Insertable } from 'kysely';
import type { Db } from '@/db';
import type { ModuleReportsTable } from '@/db/types-domain/drupal';

// Module reports: what sites post (stored as received), and the worker's
// queue of pending ones.

export type NewModuleReport = Insertable<ModuleReportsTable>;

export async function insertModuleReport(db: Db, report: NewModuleReport) {
  return db.insertInto('module_reports').values(report).returning(['id', 'received_at', 'status']).executeTakeFirstOrThrow();
}

/** A site's report sent with an Idempotency-Key, if any. */
export async function findModuleReportByKey(db: Db, siteId: number, key: string) {
  return db
    .selectFrom('module_reports')
    .select(['id', 'format', 'status', 'received_at', 'payload', 'warnings'])
    .where('site_id', '=', siteId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** A site's reports waiting to be applied, in arrival order. */
export async function listPendingReports(db: Db, siteId: number) {
  return db
    .selectFrom('module_reports')
    .select(['id', 'payload', 'received_at'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

export async function markReportProcessed(db: Db, reportId: number, result: unknown): Promise<void> {
  await db
    .updateTable('module_reports')
    .set({ status: 'processed', processed_at: new Date(), result: JSON.stringify(result) })
    .where('id', '=', reportId)
    .execute();
}

export async function markReportFailed(db: Db, reportId: number, error: string): Promise<void> {
  await db.updateTable('module_reports').set({ status: 'failed', processed_at: new Date(), error }).where('id', '=', reportId).execute();
}

/** Sites with pending reports, the longest waiting first, leaving out `except`. */
export async function listSitesWithPendingReports(db: Db, opts: { except: number[]; limit: number }): Promise<number[]> {
  const rows = await db
    .selectFrom('module_reports')
    .select('site_id')
    .where('status', '=', 'pending')
    .$if(opts.except.length > 0, (q) => q.where('site_id', 'not in', opts.except))
    .groupBy('site_id')
    .orderBy(sql`min(id)`)
    .limit(opts.limit)
    .execute();
  return rows.map((r) => r.site_id);
}
