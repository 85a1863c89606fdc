import { z } from 'zod';
import { EXCEPTION_SORTS, type ExceptionQuery, type ExceptionStatusFilter } from '@/db/queries/inventory/exception-list';
import { EXCEPTION_TYPES } from './model/variance';
import { isIsoDate } from './vendors';

// The exception list's filters as they appear in a page URL or an export
// link. Each value is read on its own and a bad one falls back to its default,
// so that a mistyped link still opens the list instead of an error page.

export const STATUS_FILTERS = ['open', 'resolved', 'manually_fixed', 'all'] as const satisfies readonly ExceptionStatusFilter[];
export const PAGE_SIZES = [25, 50, 100] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const param = <T extends z.ZodType>(schema: T, fallback: z.infer<T> | undefined) => z.preprocess(first, schema.optional()).catch(fallback);

const schema = z.object({
  type: param(z.enum(EXCEPTION_TYPES), undefined),
  organization_id: param(z.coerce.number().int().positive(), undefined),
  status: param(z.enum(STATUS_FILTERS), 'open'),
  date: param(z.string().refine(isIsoDate), undefined),
  q: param(z.string().trim().min(1).max(200), undefined),
  sort: param(z.enum(EXCEPTION_SORTS), 'last_seen'),
  dir: param(z.enum(['asc', 'desc']), 'desc'),
  page: param(z.coerce.number().int().min(1).max(100_000), 1),
  per_page: param(z.coerce.number().int().refine((n) => (PAGE_SIZES as readonly number[]).includes(n)), 50),
});

export interface ExceptionListParams {
  query: ExceptionQuery;
  page: number;
  perPage: number;
}

/** Reads filters from URL search params (a page's searchParams or a URLSearchParams). */
export function parseExceptionListParams(input: URLSearchParams | Record<string, string | string[] | undefined>): ExceptionListParams {
  const raw = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const p = schema.parse(raw);
  return {
    query: {
      type: p.type,
      organizationId: p.organization_id,
      status: p.status ?? 'open',
      date: p.date,
      text: p.q,
      sort: p.sort ?? 'last_seen',
      direction: p.dir ?? 'desc',
    },
    page: p.page ?? 1,
    perPage: p.per_page ?? 50,
  };
}

/** The URL search string of a filter state, leaving defaults out. */
export function exceptionListSearch(params: ExceptionListParams, overrides: Partial<Record<'page', number>> = {}): string {
  const q = params.query;
  const s = new URLSearchParams();
  if (q.type) s.set('type', q.type);
  if (q.organizationId !== undefined) s.set('organization_id', String(q.organizationId));
  if (q.status !== 'open') s.set('status', q.status);
  if (q.date) s.set('date', q.date);
  if (q.text) s.set('q', q.text);
  if (q.sort !== 'last_seen') s.set('sort', q.sort);
  if (q.direction !== 'desc') s.set('dir', q.direction);
  const page = overrides.page ?? params.page;
  if (page !== 1) s.set('page', String(page));
  if (params.perPage !== 50) s.set('per_page', String(params.perPage));
  return s.toString();
}
