import type { Metadata } from 'next';
import { AuditLogView } from '@/components/admin/audit-log-view';
import { PageHeader } from '@/components/ui/page-header';
import { auditQuerySchema, listAuditLogsFor, type AuditQuery } from '@/lib/admin/audit-logs';
import type { AuditLogListFilters } from '@/components/admin/query-keys';
import { getPageContext } from '@/lib/auth/page-context';
import { isSuperuser } from '@/lib/auth/policy';
import { envelope } from '@/lib/http/respond';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTERS = ['from', 'to', 'actor', 'action', 'status'] as const;

/**
 * Reads the filters from the address one by one with the API's own schema;
 * a value that does not parse is dropped (and named) instead of failing the page.
 */
function parseFilters(sp: SearchParams) {
  const first = (key: string) => {
    const v = sp[key];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === '' ? undefined : s.trim();
  };
  const shape = auditQuerySchema.shape;
  const ignored: string[] = [];
  const filters: AuditLogListFilters = { page: 1, per_page: 25 };
  const query: AuditQuery = { page: 1, per_page: 25 };
  for (const key of ['page', 'per_page'] as const) {
    const raw = first(key);
    if (raw === undefined) continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success) filters[key] = query[key] = parsed.data;
    else ignored.push(key);
  }
  for (const key of FILTERS) {
    const raw = first(key);
    if (raw === undefined) continue;
    const parsed = shape[key].safeParse(raw);
    if (!parsed.success) {
      ignored.push(key);
      continue;
    }
    (query as Record<string, unknown>)[key] = parsed.data;
    (filters as Record<string, unknown>)[key] = raw;
  }
  return { filters, query, ignored };
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getPageContext('audit:read');
  const { filters, query, ignored } = parseFilters(await searchParams);
  const result = await listAuditLogsFor(ctx, query);
  const lastPage = Math.max(1, Math.ceil(result.total / filters.per_page));
  const data = envelope(result.rows, 'http://local/api/v1/audit-logs', { page: filters.page, per_page: filters.per_page, total: result.total });
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          isSuperuser(ctx.actor)
            ? 'Every change and sign-in, in every organisation, newest first.'
            : 'Every change and sign-in in your organisation, newest first.'
        }
      />
      <AuditLogView initial={{ filters, data }} ignored={ignored} lastPage={lastPage} />
    </>
  );
}
