import type { Metadata } from 'next';
import Link from 'next/link';
import { FreshnessNotice } from '@/components/qbr/freshness-notice';
import { InputsTable } from '@/components/qbr/inputs-table';
import { QbrFilters } from '@/components/qbr/qbr-filters';
import { SmartNumberCard } from '@/components/qbr/smartnumber-card';
import { TrendChart } from '@/components/qbr/trend-chart';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { getQbrDashboard, orNotFound, periodOptions, qbrPageParams } from '@/lib/qbr';

export const metadata: Metadata = { title: 'QBR' };

const GROUPS = [
  ['operations', 'Operations'],
  ['profit', 'Profit'],
  ['revenue', 'Revenue'],
  ['leverage', 'Leverage'],
  ['sales', 'Sales'],
] as const;

export default async function QbrPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('qbr:read');
  const params = qbrPageParams(await searchParams);
  const d = await orNotFound(() => getQbrDashboard(ctx, params));
  const query = `organization_id=${d.organization.id}&period=${d.period}`;
  const manage = can(ctx.actor, 'qbr:manage');
  return (
    <>
      <PageHeader
        title={`QBR · ${d.organization.name}`}
        description={`${d.organization.is_home ? 'Company scorecard' : 'Client view'} for ${d.period_kind === 'quarter' ? `quarter ${d.period}` : `month ${d.period}`}: SmartNumbers against their thresholds, compared with the previous ${d.period_kind} and the same ${d.period_kind} last year.`}
        actions={
          <>
            <Link className={buttonClasses('secondary')} href={`/qbr/client?${query}`}>
              Client QBR report
            </Link>
            {manage && (
              <Link className={buttonClasses('secondary')} href={`/qbr/settings?organization_id=${d.organization.id}`}>
                Thresholds and inputs
              </Link>
            )}
          </>
        }
      />
      <QbrFilters action="/qbr" organizations={d.organizations} organizationId={d.organization.id} period={d.period} periods={periodOptions(d.period)} />
      <FreshnessNotice freshness={d.freshness} />
      {!d.has_data ? (
        <EmptyState title={`No QBR numbers for ${d.period} yet`}>The collectors fill this in after their nightly run{manage ? '; a superuser can also run them now from Thresholds and inputs' : ''}.</EmptyState>
      ) : (
        <>
          {GROUPS.map(([group, label]) => (
            <section key={group} className="mb-6" aria-labelledby={`group-${group}`}>
              <h2 id={`group-${group}`} className="mb-2 text-base font-semibold text-slate-900">
                {label}
              </h2>
              <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {d.cards
                  .filter((c) => c.group === group)
                  .map((c) => (
                    <SmartNumberCard key={c.key} card={c} />
                  ))}
              </div>
            </section>
          ))}
          <div className="mb-6">
            <TrendChart rows={d.trend} series={d.cards.map((c) => ({ key: c.key, label: c.label, unit: c.unit }))} initial={["rhem", ...d.cards.map((c) => c.key)].find((k) => d.trend.some((t) => typeof t[k as keyof typeof t] === "number")) ?? "rhem"} />
          </div>
          <section aria-labelledby="inputs-title" className="mb-6">
            <h2 id="inputs-title" className="mb-2 text-base font-semibold text-slate-900">
              Monthly inputs
            </h2>
            <p className="mb-2 text-sm text-slate-600">Where several sources give a value, the preferred one counts: calculated, then QuickBooks, then collected, then entered by hand; an override entered by a superuser beats them all.</p>
            <InputsTable rows={d.inputs} months={d.months} />
          </section>
        </>
      )}
    </>
  );
}
