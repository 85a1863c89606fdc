import { sql } from 'kysely';
import type { Db } from '@/db';

// The release-history cache: which projects are due, and storing what a
// fetch brought back (the parsed history, and one module_versions row per release).

export type DueProject = {
  module_id: number;
  module_name: string;
  fetch_status: string;
  has_history: boolean;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
};

export async function listDueProjects(db: Db, opts: { moduleIds?: number[]; now: Date; limit: number }): Promise<DueProject[]> {
  const rows = await db
    .selectFrom('module_release_caches as rc')
    .innerJoin('modules as m', 'm.id', 'rc.module_id')
    .select([
      'rc.module_id',
      'm.module_name',
      'rc.fetch_status',
      sql<boolean>`rc.history is not null`.as('has_history'),
      'rc.etag',
      'rc.last_modified',
      'rc.consecutive_failures',
    ])
    .$if(opts.moduleIds !== undefined, (q) => q.where('rc.module_id', 'in', opts.moduleIds!.length ? opts.moduleIds! : [-1]))
    .$if(opts.moduleIds === undefined, (q) => q.where('rc.next_fetch_at', '<=', opts.now))
    .orderBy('rc.next_fetch_at')
    .limit(opts.limit)
    .execute();
  return rows;
}

/**
 * Puts the named projects in the release cache, due now, unless they are
 * there already; returns the module ids that were added.
 */
export async function queueReleaseFetches(db: Db, projects: string[]): Promise<number[]> {
  const queued = await sql<{ module_id: number }>`
    insert into module_release_caches (module_id)
    select id from modules where module_name in (select jsonb_array_elements_text(${JSON.stringify(projects)}::jsonb))
    order by id
    on conflict (module_id) do nothing
    returning module_id`.execute(db);
  return queued.rows.map((r) => r.module_id);
}

/**
 * A parsed release history as the cache keeps it: the whole document goes
 * into module_release_caches.history (as JSON); these fields also fill columns.
 */
export type FetchedHistory = { title: string | null; link: string | null; projectStatus: string | null; supportedBranches: string[] };

/** One module_versions row of a fetched history, flags already read from its release types. */
export type ReleaseVersionRow = {
  version: string;
  release_date: string | null;
  is_published: boolean;
  is_security_release: boolean;
  is_insecure: boolean;
  is_unsupported: boolean;
  release_types: string[];
  core_compatibility: string | null;
  release_link: string | null;
};

/** Stores a fetched history and its versions; true when the document changed. */
export async function storeFetchedHistory(
  db: Db,
  input: {
    moduleId: number;
    history: FetchedHistory;
    releases: ReleaseVersionRow[];
    etag: string | null;
    lastModified: string | null;
    now: Date;
    nextFetchAt: Date;
  },
): Promise<boolean> {
  const { moduleId, history, releases, now } = input;
  const serialized = JSON.stringify(history);
  const previous = await db
    .selectFrom('module_release_caches')
    .select(sql<string | null>`history::text`.as('history'))
    .where('module_id', '=', moduleId)
    .executeTakeFirst();
  // jsonb normalises key order; compare through the database's own rendering.
  const rendered = await sql<{ h: string }>`select ${serialized}::jsonb::text as h`.execute(db);
  const changed = previous?.history !== rendered.rows[0]?.h;
  await db
    .updateTable('module_release_caches')
    .set({
      fetch_status: 'ok',
      history: serialized,
      project_status: history.projectStatus,
      supported_branches: JSON.stringify(history.supportedBranches),
      fetched_at: now,
      checked_at: now,
      etag: input.etag,
      last_modified: input.lastModified,
      last_error: null,
      consecutive_failures: 0,
      next_fetch_at: input.nextFetchAt,
      ...(changed ? { data_changed_at: now } : {}),
    })
    .where('module_id', '=', moduleId)
    .execute();
  if (!changed) return false;
  await db
    .updateTable('modules')
    .set({ title: history.title, drupal_link: history.link, updated_at: now })
    .where('id', '=', moduleId)
    .execute();
  if (releases.length > 0) {
    await sql`
      insert into module_versions (module_id, version_number, release_date, is_published, is_security_release, is_insecure,
                                   is_unsupported, release_types, core_compatibility, release_link)
      select ${moduleId}::int, r.version, r.release_date, r.is_published, r.is_security_release, r.is_insecure,
             r.is_unsupported, r.release_types, r.core_compatibility, r.release_link
      from jsonb_to_recordset(${JSON.stringify(releases)}::jsonb) as r(
        version text, release_date timestamptz, is_published boolean, is_security_release boolean, is_insecure boolean,
        is_unsupported boolean, release_types jsonb, core_compatibility text, release_link text)
      on conflict (module_id, version_number) do update set
        release_date = excluded.release_date,
        is_published = excluded.is_published,
        is_security_release = excluded.is_security_release,
        is_insecure = excluded.is_insecure,
        is_unsupported = excluded.is_unsupported,
        release_types = excluded.release_types,
        core_compatibility = excluded.core_compatibility,
        release_link = excluded.release_link`.execute(db);
  }
  return true;
}

/** A 304: the data we hold is still current. */
export async function markNotModified(db: Db, moduleId: number, now: Date, nextFetchAt: Date): Promise<void> {
  await db
    .updateTable('module_release_caches')
    .set({ fetch_status: 'ok', checked_at: now, fetched_at: now, last_error: null, consecutive_failures: 0, next_fetch_at: nextFetchAt })
    .where('module_id', '=', moduleId)
    .execute();
}

/**
 * A failed or unusable fetch. The last good history stays; only the error,
 * the failure count and the next attempt change. Returns true when the
 * project had no data before, so its verdicts' reason changes.
 */
export async function recordFetchProblem(
  db: Db,
  input: { moduleId: number; status: 'error' | 'not_found'; message: string; now: Date; nextFetchAt: Date },
): Promise<void> {
  await db
    .updateTable('module_release_caches')
    .set((eb) => ({
      fetch_status: input.status,
      checked_at: input.now,
      last_error: input.message.slice(0, 1000),
      consecutive_failures: input.status === 'error' ? eb('consecutive_failures', '+', 1) : 0,
      next_fetch_at: input.nextFetchAt,
    }))
    .where('module_id', '=', input.moduleId)
    .execute();
}
