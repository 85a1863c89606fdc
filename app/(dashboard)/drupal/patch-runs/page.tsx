import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadLinks } from '@/components/drupal/download-links';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { Figures } from '@/components/drupal/figures';
import { PatchCharts } from '@/components/drupal/patch-charts';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { patchRunSummary } from '@/lib/drupal';

export const metadata: Metadata = { title: 'Patch runs' };

export default async function PatchRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('site:read');
  const period = (await searchParams).period === 'month' ? 'month' : 'week';
  const patches = await patchRunSummary(ctx, {}, period, { page: 1, per_page: 50 });
  const figures: [string, string | number][] = [
    ['Updates applied', patches.summary.updates],
    ['Security updates', patches.summary.security_updates],
    ['Median lag (days)', patches.summary.median_lag_days ?? '—'],
    ['Year to date', `${patches.ytd.updates} (${patches.ytd.security_updates} security)`],
  ];
  return (
    <>
      <PageHeader
        title="Patch runs"
        description="Updates applied to sites, and how long after their release. Security updates are counted apart."
        actions={<DownloadLinks href="/api/v1/reports/patch-run" />}
      />
      <DrupalNav current="/drupal/patch-runs" showOutbox={can(ctx.actor, 'outbox:read')} />
      <Figures figures={figures} />
      <p className="mb-3 text-sm">
        Per:{' '}
        <Link href="/drupal/patch-runs?period=week" aria-current={period === 'week' ? 'page' : undefined} className="font-medium text-brand-700 underline">
          week
        </Link>{' '}
        ·{' '}
        <Link href="/drupal/patch-runs?period=month" aria-current={period === 'month' ? 'page' : undefined} className="font-medium text-brand-700 underline">
          month
        </Link>
      </p>
      {patches.trends.length === 0 ? (
        <EmptyState title="No patch runs yet">Record patch runs through the API; they appear here.</EmptyState>
      ) : (
        <>
          <PatchCharts trends={patches.trends} period={period} />
          <h2 className="mb-3 mt-8 text-lg font-semibold">Recent updates</h2>
          <Table label="Updates applied, newest first">
            <THead>
              <Th>Applied</Th>
              <Th>Site</Th>
              <Th>Project</Th>
              <Th>From → to</Th>
              <Th>Lag (days)</Th>
              <Th>Security</Th>
            </THead>
            <TBody>
              {patches.rows.map((r) => (
                <tr key={r.id}>
                  <Td>
                    <DateTime value={r.applied_at} />
                  </Td>
                  <Td>
                    <Link href={`/drupal/sites/${r.site_id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {r.site_name}
                    </Link>
                  </Td>
                  <Td>{r.project}</Td>
                  <Td>
                    {r.from_version ?? '?'} → {r.to_version}
                  </Td>
                  <Td>{r.lag_days ?? '—'}</Td>
                  <Td>{r.is_security ? 'Yes' : 'No'}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </>
  );
}
