import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadLinks } from '@/components/drupal/download-links';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { StatusBadge } from '@/components/drupal/status';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { moduleUpdatesSummary } from '@/lib/drupal';

export const metadata: Metadata = { title: 'Module updates' };

const PER_PAGE = 50;

export default async function ModuleUpdatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('site:read');
  const page = Math.max(1, Math.min(100_000, Number((await searchParams).page) || 1));
  const updates = await moduleUpdatesSummary(ctx, {}, { page, per_page: PER_PAGE });
  return (
    <>
      <PageHeader
        title="Module updates"
        description="Every module with an update across your sites, security updates first."
        actions={<DownloadLinks href="/api/v1/reports/module-updates" />}
      />
      <DrupalNav current="/drupal/updates" showOutbox={can(ctx.actor, 'outbox:read')} />
      {updates.rows.length === 0 ? (
        <EmptyState title="Nothing to update">Every reported module is up to date.</EmptyState>
      ) : (
        <>
          <Table label="Module updates, security first">
            <THead>
              <Th>Site</Th>
              <Th>Project</Th>
              <Th>Installed</Th>
              <Th>Recommended</Th>
              <Th>Status</Th>
            </THead>
            <TBody>
              {updates.rows.map((r) => (
                <tr key={`${r.site_id}-${r.module_id}`}>
                  <Td>
                    <Link href={`/drupal/sites/${r.site_id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {r.site_name}
                    </Link>
                    <div className="text-xs text-slate-500">{r.organization_name}</div>
                  </Td>
                  <Td>
                    <Link href={`/drupal/projects/${r.module_id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {r.project}
                    </Link>
                  </Td>
                  <Td>{r.installed_version ?? '—'}</Td>
                  <Td>{r.recommended_version ?? '—'}</Td>
                  <Td>
                    <StatusBadge status={r.status} securityUpdate={r.security_update} riskAccepted={r.risk_accepted} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <div className="mt-4">
            <Pagination page={page} perPage={PER_PAGE} total={updates.total} label="Module update pages" hrefFor={(p) => `/drupal/updates?page=${p}`} />
          </div>
        </>
      )}
    </>
  );
}
