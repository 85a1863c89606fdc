import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfigEditor } from '@/components/qbr/config-editor';
import { ManualEntryForm } from '@/components/qbr/manual-entry-form';
import { QbrFilters } from '@/components/qbr/qbr-filters';
import { RefreshButton } from '@/components/qbr/refresh-button';
import { ThresholdEditor, type ThresholdEditorRow } from '@/components/qbr/threshold-editor';
import { buttonClasses } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { listQbrOrganizations } from '@/db/queries/qbr/organizations';
import { getPageContext } from '@/lib/auth/page-context';
import { scopeOf } from '@/lib/auth/policy';
import { CLIENT_KPIS } from '@/lib/qbr/model/client-metrics';
import { ACCOUNT_CATEGORIES, getQbrConfig } from '@/lib/qbr/config';
import { orNotFound, qbrPageParams } from '@/lib/qbr/page-params';
import { monthOf } from '@/lib/qbr/model/periods';
import { listThresholdsFor, resolveQbrOrganization } from '@/lib/qbr/service';
import { mayBeNegative, METRIC_CATALOGUE, METRIC_KEYS, SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS } from '@/lib/qbr/model/smartnumbers';

export const metadata: Metadata = { title: 'QBR thresholds and inputs' };

export default async function QbrSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('qbr:manage');
  const params = qbrPageParams(await searchParams);
  const org = await orNotFound(() => resolveQbrOrganization(ctx, params.organization_id));
  const [{ thresholds }, config, organizations] = await Promise.all([listThresholdsFor(ctx, { organization_id: org.id }), getQbrConfig(ctx), listQbrOrganizations(ctx.db, scopeOf(ctx.actor))]);
  const byName = new Map(thresholds.map((t) => [t.metric_name, t]));
  const rows: ThresholdEditorRow[] = [
    ...SMARTNUMBER_KEYS.map((k) => ({ metric_name: k, label: SMARTNUMBER_CATALOGUE[k].label, unit: SMARTNUMBER_CATALOGUE[k].unit })),
    ...(['sla_attainment_pct', 'avg_response_hours', 'aged_backlog'] as const).map((k) => ({ metric_name: k, label: `${CLIENT_KPIS[k].label} (client report)`, unit: CLIENT_KPIS[k].unit })),
  ].map((r) => {
    const t = byName.get(r.metric_name);
    return { ...r, threshold: t ? { direction: t.direction, green: t.green, yellow: t.yellow, scope: t.scope, notes: t.notes } : null };
  });
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
        <ThresholdEditor rows={rows} organizationId={org.id} organizationName={org.name} />
      </section>
      <section className="mb-8" aria-labelledby="manual-title">
        <h2 id="manual-title" className="mb-2 text-base font-semibold text-slate-900">
          Enter monthly values
        </h2>
        <ManualEntryForm
          organizationId={org.id}
          organizationName={org.name}
          defaultMonth={monthOf(new Date()).key}
          metrics={METRIC_KEYS.map((k) => ({ key: k, label: METRIC_CATALOGUE[k].label, origin: METRIC_CATALOGUE[k].origin, mayBeNegative: mayBeNegative(k) }))}
        />
      </section>
      <section className="mb-8" aria-labelledby="config-title">
        <h2 id="config-title" className="mb-2 text-base font-semibold text-slate-900">
          Collector configuration
        </h2>
        <ConfigEditor config={config} categories={ACCOUNT_CATEGORIES} organizations={organizations} />
      </section>
    </>
  );
}
