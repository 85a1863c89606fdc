import { sql } from 'kysely';
import type { Db } from '@/db/client';
import type { DB } from '@/db/types';

export type TrackedTable = keyof DB;

/**
 * One number that changes whenever any of `tables` is changed by a committed
 * statement: the sum of their counters, each of which only grows.
 */
export async function dataRevision(db: Db, tables: readonly TrackedTable[]): Promise<string> {
  const row = await db
    .selectFrom('data_revisions')
    .select(sql<string>`coalesce(sum(revision), 0)::text`.as('revision'))
    .where('table_name', 'in', tables)
    .executeTakeFirst();
  return row?.revision ?? '0';
}
