import { sql, type Insertable } from 'kysely';
import type { Db } from '@/db';
import type { ModuleReportStatus, ModuleReportsTable } from '@/db/types-domain/drupal';

// Module reports: what sites post (stored as received), and the worker's
// queue of pending ones.

export type NewModuleReport = Insertable<ModuleReportsTable>;

export async function insertModuleReport(db: Db, report: NewModuleReport) {
  return db.insertInto('module_reports').values(report).returning(['id', 'received_at', 'status']).executeTakeFirstOrThrow();
}

export type StoredReport = { id: number; received_at: Date; status: ModuleReportStatus };

const json = (value: unknown) => JSON.stringify(value);

/** A report to store: its payload is the JSON text as received (parsed and re-serialised once). */
export type ReportToStore = Omit<NewModuleReport, 'id' | 'payload' | 'warnings'> & { payload: string; warnings: string[] };

/**
 * Stores several reports in one statement, with ids in the order given (so a
 * site's reports apply in arrival order). A report whose site already has one
 * with its Idempotency-Key is not stored: null in its place.
 */
export async function insertModuleReports(db: Db, reports: ReportToStore[]): Promise<(StoredReport | null)[]> {
  if (reports.length === 0) return [];
  const ids = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('module_reports', 'id'))::int8 as id from generate_series(1, ${reports.length}::int)`.execute(db);
  const idOf = (i: number) => Number(ids.rows[i]!.id);
  // The payloads are JSON text already: spliced in, not serialised again.
  const recordset = `[${reports.map(({ payload, ...rest }, i) => `${JSON.stringify({ ...rest, id: idOf(i) }).slice(0, -1)},"payload":${payload}}`).join(',')}]`;
  const stored = await sql<StoredReport>`
    insert into module_reports (id, site_id, organization_id, format, payload, payload_sha256, idempotency_key, size_bytes, entry_count, warnings, received_by)
    select r.id, r.site_id, r.organization_id, r.format, r.payload, r.payload_sha256, r.idempotency_key, r.size_bytes, r.entry_count,
           r.warnings, r.received_by
    from jsonb_to_recordset(${recordset}::jsonb) as r(
      id int8, site_id int, organization_id int, format text, payload jsonb, payload_sha256 text, idempotency_key text,
      size_bytes int, entry_count int, warnings jsonb, received_by text)
    order by r.id
    on conflict (site_id, idempotency_key) where idempotency_key is not null do nothing
    returning id, received_at, status`.execute(db);
  const byId = new Map(stored.rows.map((r) => [Number(r.id), r]));
  return reports.map((_, i) => byId.get(idOf(i)) ?? null);
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

/** The pending reports of these sites, in arrival order. */
export async function listPendingReports(db: Db, siteIds: number[]) {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('module_reports')
    .select(['id', 'site_id', 'payload', 'received_at'])
    .where('site_id', 'in', siteIds)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

/** Marks reports processed, each with its result, in one statement. */
export async function markReportsProcessed(db: Db, results: { id: number; result: unknown }[]): Promise<void> {
  if (results.length === 0) return;
  await sql`
    update module_reports m set status = 'processed', processed_at = now(), result = r.result
    from jsonb_to_recordset(${json(results)}::jsonb) as r(id int8, result jsonb)
    where m.id = r.id`.execute(db);
}

export async function markReportFailed(db: Db, reportId: number, error: string): Promise<void> {
  await db.updateTable('module_reports').set({ status: 'failed', processed_at: new Date(), error }).where('id', '=', reportId).execute();
}

/**
 * Records that these sites have reports waiting; answers the sites that had
 * no request yet, whose apply job is to be queued now (one pending apply per site).
 */
export async function requestApplies(db: Db, siteIds: number[]): Promise<number[]> {
  if (siteIds.length === 0) return [];
  const added = await sql<{ site_id: number }>`
    insert into drupal_apply_requests (site_id)
    select value::int from jsonb_array_elements_text(${json([...new Set(siteIds)].sort((a, b) => a - b))}::jsonb)
    on conflict (site_id) do nothing
    returning site_id`.execute(db);
  return added.rows.map((r) => r.site_id);
}

/**
 * Takes the sites' requests before their pending reports are read, in a
 * transaction of its own: a report stored after this queues a new apply.
 */
export async function clearApplyRequests(db: Db, siteIds: number[]): Promise<void> {
  if (siteIds.length === 0) return;
  await db.deleteFrom('drupal_apply_requests').where('site_id', 'in', siteIds).execute();
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

/**
 * What ingestion still owes: reports not yet applied, live site modules of
 * drupal.org projects without a verdict, and of those the ones whose
 * project's release data is stored (a verdict that was lost: always 0).
 */
export async function countIngestBacklog(db: Db) {
  const result = await sql<{ pending_reports: number; awaiting_verdict: number; not_fetched_with_release_data: number }>`
    select
      (select count(*)::int from module_reports where status = 'pending') as pending_reports,
      count(*)::int as awaiting_verdict,
      (count(*) filter (where rc.history is not null))::int as not_fetched_with_release_data
    from site_modules sm
    left join module_release_caches rc on rc.module_id = sm.module_id
    where sm.removed_at is null and sm.status = 'not_fetched' and sm.type <> 'custom'`.execute(db);
  return result.rows[0]!;
}
