import { sql, type Insertable } from 'kysely';
import type { Db } from '@/db';
import { offsetOf, type Page } from '@/db/paging';
import type { PatchRunItemsTable, PatchRunsTable } from '@/db/types-domain/drupal';

// Patch runs of a site and the facts needed to record one: version changes
// seen in reports, and the release dates and security flags of versions.

/** Version changes first seen in (after, until], one per module: the last one. */
export async function listVersionChanges(db: Db, siteId: number, after: Date | null, until: Date) {
  const rows = await db
    .selectFrom('site_module_history as h')
    .innerJoin('modules as m', 'm.id', 'h.module_id')
    .select(['h.id', 'h.module_id', 'm.module_name', 'h.previous_version', 'h.version', 'h.first_seen'])
    .where('h.site_id', '=', siteId)
    .where('h.previous_version', 'is not', null)
    .where('h.version', 'is not', null)
    .where('h.first_seen', '<=', until)
    .$if(after !== null, (q) => q.where('h.first_seen', '>', after!))
    .orderBy('h.id')
    .execute();
  return rows;
}

export async function findSiteModuleIds(db: Db, siteId: number, names: string[]) {
  if (names.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('site_modules as sm')
    .innerJoin('modules as m', 'm.id', 'sm.module_id')
    .select(['m.id', 'm.module_name'])
    .where('sm.site_id', '=', siteId)
    .where('m.module_name', 'in', names)
    .execute();
  return new Map(rows.map((r) => [r.module_name, r.id]));
}

export async function listKnownReleases(db: Db, moduleIds: number[]) {
  if (moduleIds.length === 0) return [];
  return db
    .selectFrom('module_versions')
    .select(['module_id', 'version_number', 'release_date', 'is_security_release'])
    .where('module_id', 'in', moduleIds)
    .execute();
}

export async function latestPatchRunDate(db: Db, siteId: number): Promise<Date | null> {
  const row = await db
    .selectFrom('patch_runs')
    .select((eb) => eb.fn.max('run_date').as('last'))
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return row?.last ? new Date(row.last as unknown as string) : null;
}

/** Stores a patch run and its items; returns the run's id. */
export async function insertPatchRun(
  db: Db,
  run: Insertable<PatchRunsTable>,
  items: Omit<Insertable<PatchRunItemsTable>, 'patch_run_id' | 'site_id'>[],
): Promise<number> {
  const inserted = await db.insertInto('patch_runs').values(run).returning('id').executeTakeFirstOrThrow();
  if (items.length > 0) {
    await db
      .insertInto('patch_run_items')
      .values(items.map((i) => ({ patch_run_id: inserted.id, site_id: run.site_id, ...i })))
      .execute();
  }
  return inserted.id;
}

export type PatchRunFilters = { from?: Date; to?: Date };

export async function listPatchRuns(db: Db, siteId: number, filters: PatchRunFilters, page: Page) {
  let q = db.selectFrom('patch_runs').where('site_id', '=', siteId);
  if (filters.from) q = q.where('run_date', '>=', filters.from);
  if (filters.to) q = q.where('run_date', '<', filters.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const runs = await q.selectAll().orderBy('run_date', 'desc').orderBy('id', 'desc').limit(page.per_page).offset(offsetOf(page)).execute();
  const items = runs.length
    ? await db
        .selectFrom('patch_run_items as i')
        .innerJoin('modules as m', 'm.id', 'i.module_id')
        .select([
          'i.id',
          'i.patch_run_id',
          'i.module_id',
          'm.module_name',
          'i.from_version',
          'i.to_version',
          'i.release_date',
          'i.applied_at',
          'i.lag_seconds',
          'i.is_security',
        ])
        .where('i.patch_run_id', 'in', runs.map((r) => r.id))
        .orderBy(sql`i.is_security desc`)
        .orderBy('m.module_name')
        .execute()
    : [];
  return { total: Number(total.n), runs, items };
}
export type PatchRunRows = Awaited<ReturnType<typeof listPatchRuns>>;
