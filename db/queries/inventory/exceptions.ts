import type { Kysely, Transaction } from 'kysely';
import { escapeLike } from '@/db/like';
import type { DB } from '@/db/types';
import type { VarianceStatus } from '@/db/types-domain/inventory';
import { inScope } from '@/db/scope';
import type { Scope } from '@/db/scope';

// Reading exceptions for the API and pages, always within the caller's scope.

type Executor = Kysely<DB> | Transaction<DB>;

export const exceptionColumns = [
  'e.id',
  'e.type',
  'e.hostname',
  'e.details',
  'e.organization_id',
  'o.name as organization_name',
  'e.date_found',
  'e.first_seen_date',
  'e.last_seen_date',
  'e.resolved',
  'e.status',
  'e.resolved_at',
  'e.resolved_by',
  'e.manually_updated_at',
  'e.manually_updated_by',
  'e.update_type',
  'e.old_value',
  'e.new_value',
  'e.notes',
  'e.variance_status',
  'e.history',
  'e.version',
  'e.updated_at',
] as const;

export type ExceptionRow = {
  id: number;
  type: string;
  hostname: string;
  details: unknown;
  organization_id: number | null;
  organization_name: string | null;
  date_found: string;
  first_seen_date: string;
  last_seen_date: string;
  resolved: boolean;
  status: 'open' | 'resolved';
  resolved_at: Date | null;
  resolved_by: string | null;
  manually_updated_at: Date | null;
  manually_updated_by: string | null;
  update_type: string | null;
  old_value: string | null;
  new_value: string | null;
  notes: string | null;
  variance_status: VarianceStatus;
  history: unknown;
  version: number;
  updated_at: Date;
};

export interface ExceptionFilters {
  type?: string;
  hostname?: string;
  resolved?: boolean;
  variance_status?: VarianceStatus;
  organization_id?: number;
  /** Only exceptions the checks saw on this date. */
  observed_on?: string;
  limit: number;
  offset: number;
}

function applyFilters(qb: ReturnType<typeof baseQuery>, scope: Scope, f: Omit<ExceptionFilters, 'limit' | 'offset'>) {
  let q = qb.where(inScope(scope, 'e.organization_id'));
  if (f.type) q = q.where('e.type', '=', f.type);
  if (f.hostname) q = q.where('e.hostname', 'like', `%${escapeLike(f.hostname.toLowerCase())}%`);
  if (f.resolved !== undefined) q = q.where('e.resolved', '=', f.resolved);
  if (f.variance_status) q = q.where('e.variance_status', '=', f.variance_status);
  if (f.organization_id !== undefined) q = q.where('e.organization_id', '=', f.organization_id);
  const date = f.observed_on;
  if (date) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('exception_observations as x').select('x.exception_id').whereRef('x.exception_id', '=', 'e.id').where('x.observed_date', '=', date)),
    );
  }
  return q;
}

function baseQuery(db: Executor) {
  return db.selectFrom('exceptions as e').leftJoin('organizations as o', 'o.id', 'e.organization_id');
}

export async function listExceptionRows(db: Executor, scope: Scope, filters: ExceptionFilters): Promise<{ rows: ExceptionRow[]; total: number }> {
  const filtered = applyFilters(baseQuery(db), scope, filters);
  const [rows, count] = await Promise.all([
    filtered.select(exceptionColumns).orderBy('e.type').orderBy('e.hostname').limit(filters.limit).offset(filters.offset).execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ExceptionRow[], total: Number(count.n) };
}

export async function getExceptionRow(db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<ExceptionRow | undefined> {
  let q = baseQuery(db).select(exceptionColumns).where('e.id', '=', id);
  if (options.forUpdate) q = q.forUpdate('e');
  return (await q.executeTakeFirst()) as ExceptionRow | undefined;
}

export async function getExceptionRows(db: Executor, ids: readonly number[], options: { forUpdate?: boolean } = {}): Promise<ExceptionRow[]> {
  if (ids.length === 0) return [];
  let q = baseQuery(db).select(exceptionColumns).where('e.id', 'in', [...ids]);
  if (options.forUpdate) q = q.forUpdate('e');
  return (await q.orderBy('e.id').execute()) as ExceptionRow[];
}

/** Counts by variance status and by type, for the status summary. */
export async function exceptionStatusCounts(db: Executor, scope: Scope) {
  const rows = await db
    .selectFrom('exceptions as e')
    .select(['e.type', 'e.variance_status', 'e.resolved', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(scope, 'e.organization_id'))
    .groupBy(['e.type', 'e.variance_status', 'e.resolved'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Unresolved exceptions by type (active or stale ones that still need a person). */
export async function unresolvedCountsByType(db: Executor, scope: Scope): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('exceptions as e')
    .select(['e.type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.resolved', '=', false)
    .where(inScope(scope, 'e.organization_id'))
    .groupBy('e.type')
    .orderBy('e.type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}
