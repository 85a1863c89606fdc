import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '@/db';
import { escapeLike } from '@/db/like';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';
import { exceptionColumns, type ExceptionRow } from './exceptions';

// The exception work list behind the inventory pages and the list exports:
// filters, sort, paging and batches, always within the caller's scope.

export type ExceptionStatusFilter = 'open' | 'resolved' | 'manually_fixed' | 'all';
export const EXCEPTION_SORTS = ['last_seen', 'first_seen', 'type', 'hostname', 'organization', 'status'] as const;
export type ExceptionSort = (typeof EXCEPTION_SORTS)[number];

export interface ExceptionQuery {
  type?: string;
  organizationId?: number;
  status: ExceptionStatusFilter;
  /** Only exceptions the checks saw on this date (YYYY-MM-DD). */
  date?: string;
  /** Free text: hostname, names in the details, notes. */
  text?: string;
  sort: ExceptionSort;
  direction: 'asc' | 'desc';
}

function filtered(db: Db, scope: Scope, q: Omit<ExceptionQuery, 'sort' | 'direction'>) {
  return db
    .selectFrom('exceptions as e')
    .leftJoin('organizations as o', 'o.id', 'e.organization_id')
    .where(inScope(scope, 'e.organization_id'))
    .where((eb) => {
      const parts: Expression<SqlBool>[] = [];
      if (q.type) parts.push(eb('e.type', '=', q.type));
      if (q.organizationId !== undefined) parts.push(eb('e.organization_id', '=', q.organizationId));
      if (q.status === 'open') parts.push(eb('e.resolved', '=', false));
      if (q.status === 'resolved') parts.push(eb('e.resolved', '=', true));
      if (q.status === 'manually_fixed') parts.push(eb('e.variance_status', '=', 'manually_fixed'));
      if (q.date) {
        const date = q.date;
        parts.push(eb.exists(eb.selectFrom('exception_observations as x').select('x.exception_id').whereRef('x.exception_id', '=', 'e.id').where('x.observed_date', '=', date)));
      }
      if (q.text) {
        const pattern = `%${escapeLike(q.text)}%`;
        parts.push(
          eb.or([
            eb('e.hostname', 'ilike', pattern),
            eb(sql`e.details::text`, 'ilike', pattern),
            eb('e.notes', 'ilike', pattern),
            eb('o.name', 'ilike', pattern),
          ]),
        );
      }
      return eb.and(parts);
    });
}

const sortColumn = {
  last_seen: 'e.last_seen_date',
  first_seen: 'e.first_seen_date',
  type: 'e.type',
  hostname: 'e.hostname',
  organization: 'o.name',
  status: 'e.variance_status',
} as const;

function ordered<Q extends ReturnType<typeof filtered>>(query: Q, sort: ExceptionSort, direction: 'asc' | 'desc') {
  const nulls = direction === 'asc' ? sql`nulls first` : sql`nulls last`;
  return query
    .orderBy(sql`${sql.ref(sortColumn[sort])} ${sql.raw(direction)} ${nulls}`)
    .orderBy('e.hostname')
    .orderBy('e.id') as Q;
}

export async function listExceptionPage(db: Db, scope: Scope, q: ExceptionQuery, page: { limit: number; offset: number }) {
  const base = filtered(db, scope, q);
  const [rows, count] = await Promise.all([
    ordered(base.select(exceptionColumns), q.sort, q.direction).limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ExceptionRow[], total: Number(count.n) };
}

/** Counts of the filtered list by type and resolved state, for export summaries. */
export async function countExceptions(db: Db, scope: Scope, q: Omit<ExceptionQuery, 'sort' | 'direction'>) {
  const rows = await filtered(db, scope, q)
    .select(['e.type', 'e.resolved', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['e.type', 'e.resolved'])
    .execute();
  return rows.map((r) => ({ type: r.type, resolved: r.resolved, n: Number(r.n) }));
}

const BATCH = 1000;

/**
 * The filtered list in batches, for exports: a page at a time, so that the
 * whole list never sits in memory. Ordered by a unique key, so batches
 * neither skip nor repeat rows that do not change meanwhile.
 */
export async function* iterateExceptions(db: Db, scope: Scope, q: ExceptionQuery): AsyncGenerator<ExceptionRow> {
  for (let offset = 0; ; offset += BATCH) {
    const rows = (await ordered(filtered(db, scope, q).select(exceptionColumns), q.sort, q.direction).limit(BATCH).offset(offset).execute()) as ExceptionRow[];
    yield* rows;
    if (rows.length < BATCH) return;
  }
}

/** Open exceptions per client organisation and type (unmapped ones under the vendor's name). */
export async function openExceptionsByOrganization(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('exceptions as e')
    .leftJoin('organizations as o', 'o.id', 'e.organization_id')
    .select(['e.organization_id', 'o.name as organization', 'e.type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.resolved', '=', false)
    .where(inScope(scope, 'e.organization_id'))
    .groupBy(['e.organization_id', 'o.name', 'e.type'])
    .execute();
  const byOrg = new Map<string, { organization_id: number | null; organization: string; total: number; by_type: Record<string, number> }>();
  for (const r of rows) {
    const key = String(r.organization_id ?? 'none');
    const entry = byOrg.get(key) ?? { organization_id: r.organization_id, organization: r.organization ?? 'Not mapped to a client', total: 0, by_type: {} };
    entry.by_type[r.type] = (entry.by_type[r.type] ?? 0) + Number(r.n);
    entry.total += Number(r.n);
    byOrg.set(key, entry);
  }
  return [...byOrg.values()].sort((a, b) => b.total - a.total || a.organization.localeCompare(b.organization));
}
