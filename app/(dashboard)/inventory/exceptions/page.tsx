import Link from 'next/link';
import { ExceptionWorkList } from '@/components/inventory/exception-work-list';
import { ExportLinks } from '@/components/inventory/export-links';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { typeLabel } from '@/components/inventory/labels';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { can, isSuperuser } from '@/lib/auth/policy';
import { getPageContext } from '@/lib/auth/page-context';
import { EXCEPTION_TYPES, exceptionListSearch, listExceptionWorkPage, visibleOrganizations, PAGE_SIZES, parseExceptionListParams, STATUS_FILTERS } from '@/lib/inventory';

export const metadata = { title: 'Exceptions' };

const STATUS_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = { open: 'Open', resolved: 'Resolved', manually_fixed: 'Fixed by hand', all: 'All' };
const field = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export default async function ExceptionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('inventory:read');
  const params = parseExceptionListParams(await searchParams);
  const q = params.query;
  const [list, organizations] = await Promise.all([listExceptionWorkPage(ctx, params), visibleOrganizations(ctx)]);
  const { total } = list;
  const search = exceptionListSearch(params);
  const exportBase = `/api/variances/export/exceptions?${search ? `${search}&` : ''}format=`;

  return (
    <>
      <PageHeader
        title="Exceptions"
        description={isSuperuser(ctx.actor) ? 'Every client’s cross-vendor exceptions: filter, look at both vendors’ records, and resolve.' : 'Your organisation’s cross-vendor exceptions.'}
      />
      <InventoryTabs current="/inventory/exceptions" />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter exceptions">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Type</span>
          <select name="type" defaultValue={q.type ?? ''} className={field}>
            <option value="">All types</option>
            {EXCEPTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {typeLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Client</span>
          <select name="organization_id" defaultValue={q.organizationId ?? ''} className={field}>
            <option value="">{organizations.length > 1 ? 'All clients' : 'Any'}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={q.status} className={field}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Seen on</span>
          <input type="date" name="date" defaultValue={q.date ?? ''} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Search</span>
          <input type="search" name="q" defaultValue={q.text ?? ''} placeholder="Hostname, name, note" className={field} maxLength={200} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Per page</span>
          <select name="per_page" defaultValue={params.perPage} className={field}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end justify-end gap-2 sm:col-span-2 lg:col-span-6">
          {q.sort !== 'last_seen' && <input type="hidden" name="sort" value={q.sort} />}
          {q.direction !== 'desc' && <input type="hidden" name="dir" value={q.direction} />}
          <Link href="/inventory/exceptions" className={buttonClasses('ghost', 'md')}>
            Clear filters
          </Link>
          <button type="submit" className={buttonClasses('primary', 'md')}>
            Apply filters
          </button>
        </div>
      </form>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700" data-testid="exception-total">
          {total} {total === 1 ? 'exception' : 'exceptions'}
        </p>
        <ExportLinks label="Export this list" hrefs={{ csv: `${exportBase}csv`, xlsx: `${exportBase}xlsx`, pdf: `${exportBase}pdf` }} />
      </div>
      <ExceptionWorkList initial={list} search={search} canAct={can(ctx.actor, 'inventory:operate')} openOnly={q.status === 'open'} sort={q.sort} direction={q.direction} />
      <Pagination
        page={params.page}
        perPage={params.perPage}
        total={total}
        label="Exceptions"
        hrefFor={(page) => {
          const s = exceptionListSearch(params, { page });
          return s ? `?${s}` : '?';
        }}
      />
    </>
  );
}
