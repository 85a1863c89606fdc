import Link from 'next/link';
import { MultiLineChart, type ChartRow } from '@/components/charts/multi-line-chart';
import { ExportLinks } from '@/components/inventory/export-links';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { EXCEPTION_TYPE_COLORS, FRESHNESS_TONES, typeLabel } from '@/components/inventory/labels';
import { RefreshNow } from '@/components/inventory/refresh-now';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { can } from '@/lib/auth/policy';
import { getPageContext } from '@/lib/auth/page-context';
import { collectionStatus } from '@/lib/collectors';
import { EXCEPTION_TYPES, INVENTORY_JOBS, jobHealth, latestCheck, openExceptionsByClient, varianceTrends, VENDORS, windows11AssessmentJob, windows11Status } from '@/lib/inventory';

export const metadata = { title: 'Inventory' };

const JOBS = [...INVENTORY_JOBS, windows11AssessmentJob];
const JOB_NAMES = JOBS.map((job) => job.name);
const JOB_LABELS: Record<string, string> = Object.fromEntries(JOBS.map((job) => [job.name, job.label]));
const RUN_TONES = { completed: 'green', failed: 'red', cancelled: 'slate', running: 'blue', queued: 'blue' } as const;

export default async function InventoryPage() {
  const ctx = await getPageContext('inventory:read');
  const isOperator = can(ctx.actor, 'inventory:operate');
  const seesRuns = can(ctx.actor, 'jobs:read');

  // The same facts as GET /api/status, from the same function.
  const [status, byOrg, trends, check, readiness, health] = await Promise.all([
    collectionStatus(ctx),
    openExceptionsByClient(ctx),
    varianceTrends(ctx, { days: 30 }),
    latestCheck(ctx),
    windows11Status(ctx),
    seesRuns ? jobHealth(ctx, JOB_NAMES) : null,
  ]);
  const byType = status.exception_counts;
  const vendors = [
    { label: VENDORS.ninja.label, devices: status.device_counts.Ninja, ...status.vendor_status.Ninja },
    { label: VENDORS.threatlocker.label, devices: status.device_counts.ThreatLocker, ...status.vendor_status.ThreatLocker },
  ];
  const totalOpen = Object.values(byType).reduce((s, n) => s + n, 0);
  const chartRows: ChartRow[] = trends.trends.map((t) => ({ x: t.date, ...t.by_type }));
  const noData = vendors.every((v) => v.latest_date === null);

  return (
    <>
      <PageHeader
        title="Inventory"
        description="NinjaOne and ThreatLocker compared every night: what is out of step, for which client, and how it changes."
        actions={isOperator ? <RefreshNow /> : undefined}
      />
      <InventoryTabs current="/inventory" />

      {noData ? (
        <EmptyState title="No inventory snapshot yet">
          No collector has run against NinjaOne or ThreatLocker on this installation yet.{isOperator ? ' Use “Refresh now” to collect.' : ''}
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="freshness-title">
            <h2 id="freshness-title" className="mb-3 text-base font-semibold text-slate-900">
              Vendor data
            </h2>
            {status.has_warnings && (
              <ul className="mb-3 list-inside list-disc rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="status-warnings">
                {status.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
              {vendors.map((v) => {
                return (
                  <div key={v.label} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`vendor-${v.label}`}>
                    <div className="flex items-center justify-between gap-2">
                      <p className="font-medium text-slate-900">{v.label}</p>
                      <Badge tone={FRESHNESS_TONES[v.freshness_status] ?? 'slate'}>{v.freshness_message}</Badge>
                    </div>
                    <p className="mt-2 text-2xl font-semibold text-slate-900">{v.devices}</p>
                    <p className="text-xs text-slate-600">
                      devices on {v.latest_date ?? '—'} · {v.source === 'simulated' ? 'simulated (demo)' : v.source}
                    </p>
                  </div>
                );
              })}
              <div className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium text-slate-900">Open exceptions</p>
                <p className="mt-2 text-2xl font-semibold text-slate-900" data-testid="open-total">
                  {totalOpen}
                </p>
                <p className="text-xs text-slate-600">
                  <Link className="underline" href="/inventory/exceptions">
                    Work through them
                  </Link>
                </p>
              </div>
              <div className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium text-slate-900">Windows 11 24H2 ready</p>
                <p className="mt-2 text-2xl font-semibold text-slate-900">{readiness.total_windows === 0 ? '—' : `${readiness.compatibility_rate}%`}</p>
                <p className="text-xs text-slate-600">
                  {readiness.total_compatible} of {readiness.total_windows} Windows devices ·{' '}
                  <Link className="underline" href="/inventory/windows-11">
                    details
                  </Link>
                </p>
              </div>
            </div>
          </section>

          {health && (
            <section aria-labelledby="health-title">
              <h2 id="health-title" className="mb-3 text-base font-semibold text-slate-900">
                Collector health
              </h2>
              {health.failures > 0 && (
                <p className="mb-2 text-sm text-red-800" role="status">
                  {health.failures} failed run{health.failures === 1 ? '' : 's'} in the last 24 hours.
                </p>
              )}
              <Table label="Latest run of each job">
                <THead>
                  <Th>Job</Th>
                  <Th>Status</Th>
                  <Th>Started</Th>
                  <Th>Result</Th>
                </THead>
                <TBody>
                  {JOB_NAMES.map((name) => {
                    const dto = health.last[name] ?? null;
                    return (
                      <tr key={name}>
                        <Td className="whitespace-nowrap">{JOB_LABELS[name] ?? name}</Td>
                        <Td>{dto ? <Badge tone={RUN_TONES[dto.status as keyof typeof RUN_TONES] ?? 'slate'}>{dto.status}</Badge> : <Badge>never run</Badge>}</Td>
                        <Td>
                          <DateTime value={dto?.started_at ?? dto?.created_at ?? null} />
                        </Td>
                        <Td className="max-w-md text-slate-700">{dto?.error ?? dto?.message ?? '—'}</Td>
                      </tr>
                    );
                  })}
                </TBody>
              </Table>
            </section>
          )}

          <section aria-labelledby="latest-title" className="flex flex-wrap items-end justify-between gap-4">
            <div>
              <h2 id="latest-title" className="text-base font-semibold text-slate-900">
                Latest variance check
              </h2>
              <p className="text-sm text-slate-700" data-testid="latest-check">
                {check ? (
                  <>
                    {check.check_date}, run <DateTime value={check.checked_at} /> on NinjaOne data of {check.ninja_snapshot_date ?? '—'} and ThreatLocker data of{' '}
                    {check.threatlocker_snapshot_date ?? '—'}.
                  </>
                ) : (
                  'The cross-vendor checks have not run yet.'
                )}
              </p>
            </div>
            <ExportLinks
              label="Export the latest report"
              hrefs={{ csv: '/api/variances/export/csv', xlsx: '/api/variances/export/excel', pdf: '/api/variances/export/pdf' }}
            />
          </section>

          <div className="grid gap-6 xl:grid-cols-2">
            <section aria-labelledby="by-type-title">
              <h2 id="by-type-title" className="mb-3 text-base font-semibold text-slate-900">
                Open exceptions by type
              </h2>
              <Table label="Open exceptions by type">
                <THead>
                  <Th>Type</Th>
                  <Th className="text-right">Open</Th>
                </THead>
                <TBody>
                  {EXCEPTION_TYPES.map((type) => (
                    <tr key={type}>
                      <Td>
                        <Link className="text-brand-700 underline" href={`/inventory/exceptions?type=${type}`}>
                          {typeLabel(type)}
                        </Link>
                        <span className="ml-2 font-mono text-xs text-slate-500">{type}</span>
                      </Td>
                      <Td className="text-right tabular-nums" data-testid={`count-${type}`}>
                        {byType[type] ?? 0}
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </section>

            <section aria-labelledby="by-org-title">
              <h2 id="by-org-title" className="mb-3 text-base font-semibold text-slate-900">
                Open exceptions by client
              </h2>
              {byOrg.length === 0 ? (
                <EmptyState title="Nothing open">No client has an open exception.</EmptyState>
              ) : (
                <Table label="Open exceptions by client">
                  <THead>
                    <Th>Client</Th>
                    <Th className="text-right">Open</Th>
                    <Th>Largest</Th>
                  </THead>
                  <TBody>
                    {byOrg.map((o) => {
                      const top = Object.entries(o.by_type).sort((a, b) => b[1] - a[1])[0];
                      return (
                        <tr key={o.organization_id ?? 'none'}>
                          <Td>
                            {o.organization_id !== null ? (
                              <Link className="text-brand-700 underline" href={`/organizations/${o.organization_id}`}>
                                {o.organization}
                              </Link>
                            ) : (
                              o.organization
                            )}
                          </Td>
                          <Td className="text-right tabular-nums">
                            {o.organization_id !== null ? (
                              <Link className="underline" href={`/inventory/exceptions?organization_id=${o.organization_id}`}>
                                {o.total}
                              </Link>
                            ) : (
                              o.total
                            )}
                          </Td>
                          <Td className="text-slate-700">{top ? `${typeLabel(top[0])} (${top[1]})` : '—'}</Td>
                        </tr>
                      );
                    })}
                  </TBody>
                </Table>
              )}
            </section>
          </div>

          <section aria-labelledby="trend-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="trend-title" className="mb-1 text-base font-semibold text-slate-900">
              Exceptions seen per check, last 30 days
            </h2>
            <p className="mb-3 text-xs text-slate-600">
              {trends.summary.data_points === 0
                ? 'No checks in this period.'
                : `From ${trends.summary.first_total} to ${trends.summary.latest_total} (${trends.summary.direction}).`}
            </p>
            {chartRows.length > 0 && (
              <MultiLineChart
                rows={chartRows}
                caption="Exceptions seen per check date and type"
                series={EXCEPTION_TYPES.map((t) => ({ key: t, label: typeLabel(t), color: EXCEPTION_TYPE_COLORS[t] ?? '#64748b' }))}
              />
            )}
          </section>
        </div>
      )}
    </>
  );
}
