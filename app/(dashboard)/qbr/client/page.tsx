import type { Metadata } from 'next';
import Link from 'next/link';
import { colourLabel, formatChange, formatValue, thresholdText } from '@/components/qbr/format';
import { FreshnessNotice } from '@/components/qbr/freshness-notice';
import { PrintButton } from '@/components/qbr/print-button';
import { QbrFilters } from '@/components/qbr/qbr-filters';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { getClientReport, orNotFound, periodOptions, qbrPageParams } from '@/lib/qbr';

export const metadata: Metadata = { title: 'Client QBR' };

const tone = { green: 'text-green-800', yellow: 'text-amber-900', red: 'text-red-800' } as const;
const mark = { green: '✓', yellow: '!', red: '✕' } as const;

export default async function ClientQbrPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('qbr:read');
  const params = qbrPageParams(await searchParams);
  const r = await orNotFound(() => getClientReport(ctx, params));
  const query = `organization_id=${r.organization.id}&period=${r.period}`;
  const { windows11, threatlocker, drupal } = r.posture;
  return (
    <div className="qbr-report">
      <PageHeader
        title={`Quarterly business review · ${r.organization.name}`}
        description={`${r.period_kind === 'quarter' ? 'Quarter' : 'Month'} ${r.period}, compared with ${r.previous_period} and ${r.last_year_period}.`}
        actions={
          <span className="no-print flex flex-wrap gap-2">
            <PrintButton />
            <a className={buttonClasses('primary')} href={`/api/qbr/report?${query}`} data-testid="download-pdf">
              Download PDF
            </a>
            <Link className={buttonClasses('secondary')} href={`/qbr?${query}`}>
              Scorecard
            </Link>
          </span>
        }
      />
      <QbrFilters action="/qbr/client" organizations={r.organizations} organizationId={r.organization.id} period={r.period} periods={periodOptions(r.period)} />
      <FreshnessNotice freshness={r.freshness} />
      {!r.has_data ? (
        <EmptyState title={`No numbers for ${r.organization.name} in ${r.period} yet`}>Map the client to its ConnectWise company and QuickBooks customer, then let the collectors run.</EmptyState>
      ) : (
        <>
          <section aria-labelledby="kpi-title" className="mb-6">
            <h2 id="kpi-title" className="mb-2 text-base font-semibold text-slate-900">
              Service and value
            </h2>
            <Table label="Service and value measures">
              <THead>
                <Th>Measure</Th>
                <Th className="text-right">{r.period}</Th>
                <Th className="text-right">vs {r.previous_period}</Th>
                <Th className="text-right">vs {r.last_year_period}</Th>
                <Th>Status</Th>
              </THead>
              <TBody>
                {r.kpis.map((k) => (
                  <tr key={k.key} data-testid={`kpi-${k.key}`}>
                    <Td className="min-w-56">
                      <span className="block font-medium text-slate-800">{k.label}</span>
                      <span className="block text-xs text-slate-500">{k.formula}</span>
                    </Td>
                    <Td className="text-right tabular-nums font-semibold">{formatValue(k.value, k.unit)}</Td>
                    <Td className="text-right tabular-nums">{formatChange(k.value, k.previous, k.unit) ?? 'n/a'}</Td>
                    <Td className="text-right tabular-nums">{formatChange(k.value, k.last_year, k.unit) ?? 'n/a'}</Td>
                    <Td>
                      {k.colour ? (
                        <span className={`font-medium ${tone[k.colour]}`} title={thresholdText(k.threshold, k.unit)}>
                          <span aria-hidden="true">{mark[k.colour]} </span>
                          {colourLabel(k.colour)}
                        </span>
                      ) : (
                        <span className="text-slate-500">{k.threshold ? 'n/a' : '—'}</span>
                      )}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </section>
          <section aria-labelledby="months-title" className="mb-6">
            <h2 id="months-title" className="mb-2 text-base font-semibold text-slate-900">
              By month
            </h2>
            <Table label="Client measures by month">
              <THead>
                <Th>Month</Th>
                <Th className="text-right">Endpoints</Th>
                <Th className="text-right">Seats</Th>
                <Th className="text-right">Reactive tickets</Th>
                <Th className="text-right">Reactive hours</Th>
                <Th className="text-right">SLA attainment</Th>
                <Th className="text-right">First response</Th>
                <Th className="text-right">Revenue</Th>
              </THead>
              <TBody>
                {r.months.map((m) => (
                  <tr key={m.period}>
                    <Td className="font-medium">{m.period}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.endpoints, 'count')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.seats, 'count')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.tickets, 'count')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.hours, 'hours')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.sla_attainment_pct, 'ratio')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.avg_response_hours, 'hours')}</Td>
                    <Td className="text-right tabular-nums">{formatValue(m.revenue, 'money')}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </section>
          <section aria-labelledby="posture-title" className="mb-6 break-inside-avoid">
            <h2 id="posture-title" className="mb-2 text-base font-semibold text-slate-900">
              Security and lifecycle
            </h2>
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="posture-windows11">
                <dt className="text-sm font-medium text-slate-700">Windows 11 24H2 readiness</dt>
                <dd className="mt-1 text-2xl font-semibold">
                  {windows11.compatible} of {windows11.assessed} ready
                </dd>
                <dd className="text-xs text-slate-600">
                  {windows11.remediable} fixable, {windows11.incompatible} incompatible, {windows11.unknown} need review{windows11.as_of ? `, as of ${windows11.as_of}` : ''}
                </dd>
              </div>
              <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="posture-threatlocker">
                <dt className="text-sm font-medium text-slate-700">Devices missing ThreatLocker</dt>
                <dd className="mt-1 text-2xl font-semibold">{threatlocker.open_missing}</dd>
                {threatlocker.hostnames.length > 0 && <dd className="text-xs text-slate-600">{threatlocker.hostnames.slice(0, 10).join(', ')}{threatlocker.hostnames.length > 10 ? ', …' : ''}</dd>}
              </div>
              <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="posture-drupal">
                <dt className="text-sm font-medium text-slate-700">Drupal security posture</dt>
                <dd className="mt-1 text-2xl font-semibold">
                  {drupal.sites_with_security_updates} of {drupal.sites} sites
                </dd>
                <dd className="text-xs text-slate-600">need security updates ({drupal.security_updates} pending)</dd>
              </div>
            </dl>
          </section>
          <p className="text-xs text-slate-500">Generated {r.generated_at.slice(0, 16).replace('T', ' ')} UTC.</p>
        </>
      )}
    </div>
  );
}
