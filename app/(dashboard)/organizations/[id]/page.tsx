import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MultiLineChart, type ChartRow } from '@/components/charts/multi-line-chart';
import { ExportLinks } from '@/components/inventory/export-links';
import { exceptionStatus, typeLabel } from '@/components/inventory/labels';
import { ReadinessDevices } from '@/components/inventory/windows11/readiness-devices';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { exceptionPage, monthEndCounts, organizationDevices, VENDORS, visibleOrganization, windows11NotReady, windows11Status } from '@/lib/inventory';

export const metadata = { title: 'Client' };

const PER_PAGE = 50;
const VENDOR_LABELS: Record<number, string> = { [VENDORS.ninja.id]: 'NinjaOne', [VENDORS.threatlocker.id]: 'ThreatLocker' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function OrganizationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('inventory:read');
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) notFound();
  // Another tenant's organisation does not exist for this caller.
  const organization = await visibleOrganization(ctx, id);
  if (!organization) notFound();
  const sp = await searchParams;
  const pageNumber = Number(first(sp.page));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 100_000 ? pageNumber : 1;
  const text = first(sp.q)?.trim().slice(0, 100) || undefined;

  const vendorIds = [VENDORS.ninja.id, VENDORS.threatlocker.id];
  const [devices, exceptions, readiness, notReady, monthly] = await Promise.all([
    organizationDevices(ctx, id, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE, text }),
    exceptionPage(ctx, { organizationId: id, status: 'open', sort: 'last_seen', direction: 'desc' }, { limit: 25, offset: 0 }),
    windows11Status(ctx, { organizationId: id }),
    windows11NotReady(ctx, { organizationId: id, limit: 25, offset: 0 }),
    monthEndCounts(ctx, id),
  ]);
  const chartRows: ChartRow[] = [];
  for (const m of monthly) {
    const x = m.date.slice(0, 7);
    let row = chartRows.find((r) => r.x === x);
    if (!row) chartRows.push((row = { x }));
    row[m.vendor_id === VENDORS.ninja.id ? 'ninja' : 'threatlocker'] = m.n;
  }
  const pageHref = (p: number) => `?${new URLSearchParams({ ...(text ? { q: text } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;

  return (
    <>
      <PageHeader title={organization.name} description="Devices in both vendors’ latest snapshots, open exceptions, Windows 11 readiness and month-end device counts." />
      <div className="space-y-8">
        <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {vendorIds.map((v) => (
            <div key={v} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium text-slate-900">{VENDOR_LABELS[v]} devices</p>
              <p className="mt-2 text-2xl font-semibold text-slate-900" data-testid={`org-devices-${v}`}>
                {text ? '—' : (devices.by_vendor[v] ?? 0)}
              </p>
              <p className="text-xs text-slate-600">snapshot {devices.dates[v] ?? '—'}</p>
            </div>
          ))}
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium text-slate-900">Open exceptions</p>
            <p className="mt-2 text-2xl font-semibold text-slate-900">{exceptions.total}</p>
            <Link className="text-xs underline" href={`/inventory/exceptions?organization_id=${id}`}>
              Open the list
            </Link>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium text-slate-900">Windows 11 24H2 ready</p>
            <p className="mt-2 text-2xl font-semibold text-slate-900">{readiness.total_windows === 0 ? '—' : `${readiness.compatibility_rate}%`}</p>
            <p className="text-xs text-slate-600">
              {readiness.total_compatible} of {readiness.total_windows}; {readiness.remediable} remediable, {readiness.incompatible} incompatible
            </p>
          </div>
        </div>

        <section aria-labelledby="monthly" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="monthly" className="mb-3 text-base font-semibold text-slate-900">
            Devices at month end
          </h2>
          {chartRows.length === 0 ? (
            <p className="text-sm text-slate-600">No month-end counts yet.</p>
          ) : (
            <MultiLineChart
              rows={chartRows}
              caption={`Month-end device counts of ${organization.name}`}
              series={[
                { key: 'ninja', label: 'NinjaOne', color: '#2563eb' },
                { key: 'threatlocker', label: 'ThreatLocker', color: '#9333ea' },
              ]}
            />
          )}
        </section>

        <section aria-labelledby="exceptions">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="exceptions" className="text-base font-semibold text-slate-900">
              Open exceptions
            </h2>
            <ExportLinks
              label="Export"
              hrefs={{
                csv: `/api/variances/export/exceptions?organization_id=${id}&format=csv`,
                xlsx: `/api/variances/export/exceptions?organization_id=${id}&format=xlsx`,
                pdf: `/api/variances/export/exceptions?organization_id=${id}&format=pdf`,
              }}
            />
          </div>
          {exceptions.rows.length === 0 ? (
            <EmptyState title="No open exceptions">Both vendors agree on this client’s devices.</EmptyState>
          ) : (
            <Table label="Open exceptions">
              <THead>
                <Th>Hostname</Th>
                <Th>Type</Th>
                <Th>Status</Th>
                <Th>First seen</Th>
                <Th>Last seen</Th>
              </THead>
              <TBody>
                {exceptions.rows.map((e) => {
                  const s = exceptionStatus(e.resolved, e.variance_status);
                  return (
                    <tr key={e.id}>
                      <Td className="font-mono text-xs">{e.hostname}</Td>
                      <Td>{typeLabel(e.type)}</Td>
                      <Td>
                        <Badge tone={s.tone}>{s.label}</Badge>
                      </Td>
                      <Td>{e.first_seen_date}</Td>
                      <Td>{e.last_seen_date}</Td>
                    </tr>
                  );
                })}
              </TBody>
            </Table>
          )}
          {exceptions.total > exceptions.rows.length && (
            <p className="mt-2 text-sm">
              <Link className="underline" href={`/inventory/exceptions?organization_id=${id}`}>
                All {exceptions.total} open exceptions
              </Link>
            </p>
          )}
        </section>

        <section aria-labelledby="readiness">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="readiness" className="text-base font-semibold text-slate-900">
              Windows 11 24H2: devices not ready
            </h2>
            <ExportLinks
              label="Export"
              hrefs={{
                csv: `/api/windows-11-24h2/export?organization_id=${id}&format=csv`,
                xlsx: `/api/windows-11-24h2/export?organization_id=${id}&format=xlsx`,
                pdf: `/api/windows-11-24h2/export?organization_id=${id}&format=pdf`,
              }}
            />
          </div>
          <ReadinessDevices devices={notReady.devices} label="Devices not ready for Windows 11 24H2" />
          {notReady.total_count > notReady.devices.length && <p className="mt-2 text-sm text-slate-600">{notReady.total_count - notReady.devices.length} more in the export.</p>}
        </section>

        <section aria-labelledby="devices">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="devices" className="text-base font-semibold text-slate-900">
              Devices
            </h2>
            <form method="get" role="search" className="flex gap-2">
              <label htmlFor="org-device-q" className="sr-only">
                Filter devices by name
              </label>
              <input id="org-device-q" type="search" name="q" defaultValue={text ?? ''} maxLength={100} placeholder="Filter by name" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
              <button type="submit" className={buttonClasses('secondary', 'md')}>
                Filter
              </button>
            </form>
          </div>
          {devices.devices.length === 0 ? (
            <EmptyState title="No devices">No device of this client in the latest snapshots{text ? ` matches “${text}”` : ''}.</EmptyState>
          ) : (
            <Table label="Devices">
              <THead>
                <Th>Vendor</Th>
                <Th>Hostname</Th>
                <Th>Display name</Th>
                <Th>Location / group</Th>
                <Th>OS</Th>
                <Th>Status</Th>
                <Th>Last seen</Th>
              </THead>
              <TBody>
                {devices.devices.map((d) => (
                  <tr key={d.id}>
                    <Td>{VENDOR_LABELS[d.vendor_id] ?? d.vendor_id}</Td>
                    <Td className="font-mono text-xs">{d.hostname ?? '—'}</Td>
                    <Td>{d.display_name ?? '—'}</Td>
                    <Td>{d.location ?? d.computer_group ?? '—'}</Td>
                    <Td>{d.os_name ?? '—'}</Td>
                    <Td>{[d.device_status, d.billing_status, d.security_mode].filter(Boolean).join(' · ') || '—'}</Td>
                    <Td>
                      <DateTime value={d.last_seen} />
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
          <Pagination page={page} perPage={PER_PAGE} total={devices.total} label="Devices" hrefFor={pageHref} />
        </section>
      </div>
    </>
  );
}
