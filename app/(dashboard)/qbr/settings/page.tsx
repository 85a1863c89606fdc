import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfigEditor } from '@/components/qbr/config-editor';
import { ManualEntryForm } from '@/components/qbr/manual-entry-form';
import { QbrFilters } from '@/components/qbr/qbr-filters';
import { RefreshButton } from '@/components/qbr/refresh-button';
import { ThresholdEditor } from '@/components/qbr/threshold-editor';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';
import { getQbrSettings, orNotFound, qbrPageParams } from '@/lib/qbr';

export const metadata: Metadata = { title: 'QBR thresholds and inputs' };

export default async function QbrSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('qbr:manage');
  const params = qbrPageParams(await searchParams);
  const { organization: org, organizations, thresholds, manual_metrics, default_month, config, account_categories } = await orNotFound(() => getQbrSettings(ctx, params));
  return (
    <>
      <PageHeader
        title="QBR thresholds and inputs"
        description="Thresholds colour the SmartNumbers; hand-entered values fill in what no vendor provides; the configuration tells the collectors what counts. Every change is in the audit log."
        actions={
          <Link className={buttonClasses('secondary')} href={`/qbr?organization_id=${org.id}`}>
            Back to the scorecard
          </Link>
        }
      />
      <QbrFilters action="/qbr/settings" organizations={organizations} organizationId={org.id} period="" periods={[]} />
      <section className="mb-8" aria-labelledby="refresh-title">
        <h2 id="refresh-title" className="mb-2 text-base font-semibold text-slate-900">
          Collection
        </h2>
        <RefreshButton />
      </section>
      <section className="mb-8" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title" className="mb-2 text-base font-semibold text-slate-900">
          Thresholds for {org.name}
        </h2>
        <ThresholdEditor rows={thresholds} organizationId={org.id} organizationName={org.name} />
      </section>
      <section className="mb-8" aria-labelledby="manual-title">
        <h2 id="manual-title" className="mb-2 text-base font-semibold text-slate-900">
          Enter monthly values
        </h2>
        <ManualEntryForm organizationId={org.id} organizationName={org.name} defaultMonth={default_month} metrics={manual_metrics} />
      </section>
      <section className="mb-8" aria-labelledby="config-title">
        <h2 id="config-title" className="mb-2 text-base font-semibold text-slate-900">
          Collector configuration
        </h2>
        <ConfigEditor config={config} categories={account_categories} organizations={organizations} />
      </section>
    </>
  );
}
