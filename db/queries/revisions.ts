import { sql } from 'kysely';
import type { Db } from '@/db/client';
import type { DB } from '@/db/types';

export type TrackedTable = keyof DB;

/**
 * One number that changes whenever any of `tables` is changed by a committed
 * statement: the sum of their counters, each of which only grows. A table
 * without a counter (no trigger) would never invalidate what was read from
 * it, so naming one is an error, not a silent stale answer.
 */
export async function dataRevision(db: Db, tables: readonly TrackedTable[]): Promise<string> {
  const row = await db
    .selectFrom('data_revisions')
    .select([sql<string>`coalesce(sum(revision), 0)::text`.as('revision'), sql<number>`count(*)::int`.as('tracked')])
    .where('table_name', 'in', tables)
    .executeTakeFirstOrThrow();
  if (Number(row.tracked) !== new Set(tables).size) {
    const found = await db.selectFrom('data_revisions').select('table_name').where('table_name', 'in', tables).execute();
    const missing = tables.filter((t) => !found.some((f) => f.table_name === t));
    throw new Error(`No data revision is kept for ${missing.join(', ')}: add a trigger in a migration before caching reads of it`);
  }
  return row.revision;
}
