import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { listOrganizationChoices } from '@/db/queries/admin/organizations';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { CountBadge } from '@/components/drupal/status';
import { buttonClasses } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { can, isSuperuser, scopeOf } from '@/lib/auth/policy';
import { moduleUpdatesReport } from '@/lib/drupal/reports';
import { listSitesFor } from '@/lib/drupal/sites';

export const metadata: Metadata = { title: 'Drupal fleet' };

const PER_PAGE = 25;
const filtersSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organization_id: z.coerce.number().int().positive().optional().catch(undefined),
  has_security: z.enum(['1']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export default async function DrupalFleetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('site:read');
  const raw = await searchParams;
  const filters = filtersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const listFilters = { q: filters.q || undefined, organization_id: filters.organization_id, has_security: filters.has_security === '1', sort: 'worst' as const };
  const [sites, fleet, organizations] = await Promise.all([
    listSitesFor(ctx, listFilters, { page: filters.page, per_page: PER_PAGE }),
    moduleUpdatesReport(ctx, { organization_id: filters.organization_id }, { page: 1, per_page: 1 }),
    isSuperuser(ctx.actor) ? listOrganizationChoices(ctx.db, scopeOf(ctx.actor)) : Promise.resolve([]),
  ]);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (listFilters.q) params.set('q', listFilters.q);
    if (filters.organization_id) params.set('organization_id', String(filters.organization_id));
    if (listFilters.has_security) params.set('has_security', '1');
    params.set('page', String(page));
    return `/drupal?${params}`;
  };
  const counts = fleet.counts;
  return (
    <>
      <PageHeader
        title="Drupal sites"
        description="Every site's modules as core's update status would judge them. Sites with security updates come first."
        actions={
          can(ctx.actor, 'site:create') ? (
            <Link href="/drupal/sites/new" className={buttonClasses('primary')}>
              Register a site
            </Link>
          ) : undefined
        }
      />
      <DrupalNav current="/drupal" showOutbox={can(ctx.actor, 'outbox:read')} />
      <dl className="mb-6 grid gap-3 sm:grid-cols-4">
        {[
          ['Sites', sites.total],
          ['Open security updates', counts.security_updates],
          ['Other updates', counts.other_updates],
          ['Accepted risks', counts.accepted_risks],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter sites">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Search</span>
          <input name="q" defaultValue={listFilters.q} placeholder="Name or URL" className="h-10 rounded-md border border-slate-300 px-3" />
        </label>
        {organizations.length > 0 && (
          <label className="text-sm">
            <span className="mb-1 block font-medium text-slate-700">Organisation</span>
            <select name="organization_id" defaultValue={filters.organization_id ?? ''} className="h-10 rounded-md border border-slate-300 px-3">
              <option value="">All</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex h-10 items-center gap-2 text-sm">
          <input type="checkbox" name="has_security" value="1" defaultChecked={listFilters.has_security} />
          Only sites with security updates
        </label>
        <button type="submit" className={buttonClasses('secondary')}>
          Apply
        </button>
      </form>
      {sites.rows.length === 0 ? (
        <EmptyState title="No sites match">Register a site, then add its cron line so that it reports its modules.</EmptyState>
      ) : (
        <>
          <Table label="Drupal sites, worst first">
            <THead>
              <Th>Site</Th>
              <Th>Organisation</Th>
              <Th>Core</Th>
              <Th>Security</Th>
              <Th>Other updates</Th>
              <Th>Modules</Th>
              <Th>Last report</Th>
            </THead>
            <TBody>
              {sites.rows.map((site) => (
                <tr key={site.id}>
                  <Td>
                    <Link href={`/drupal/sites/${site.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {site.name}
                    </Link>
                    <div className="text-xs text-slate-500">{site.url}</div>
                  </Td>
                  <Td>{site.organization_name}</Td>
                  <Td>{site.core_version ?? '—'}</Td>
                  <Td>
                    <CountBadge count={site.security_updates} tone="red" label="security" />
                  </Td>
                  <Td>
                    <CountBadge count={site.other_updates} tone="amber" label="updates" />
                  </Td>
                  <Td>{site.module_count}</Td>
                  <Td>{site.last_report_at ? <DateTime value={site.last_report_at} /> : <span className="text-slate-500">No report yet</span>}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <div className="mt-4">
            <Pagination page={filters.page} perPage={PER_PAGE} total={sites.total} label="Sites pages" hrefFor={hrefFor} />
          </div>
        </>
      )}
    </>
  );
}
