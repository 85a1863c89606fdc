import Link from 'next/link';
import { ExportLinks } from '@/components/inventory/export-links';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { ReadinessDevices, requirementLabel } from '@/components/inventory/windows11/readiness-devices';
import { RunAssessmentNow } from '@/components/inventory/refresh-now';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { can } from '@/lib/auth/policy';
import { getPageContext } from '@/lib/auth/page-context';
import { windows11ByOrganization, windows11NotReady, windows11Status } from '@/lib/inventory';

export const metadata = { title: 'Windows 11 readiness' };

const PER_PAGE = 50;

function pageOf(value: string | string[] | undefined): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export default async function Windows11Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('inventory:read');
  const page = pageOf((await searchParams).page);
  const [status, byOrg, notReady] = await Promise.all([
    windows11Status(ctx),
    windows11ByOrganization(ctx),
    windows11NotReady(ctx, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
  ]);
  const exportHref = (format: string) => `/api/windows-11-24h2/export?format=${format}`;
  const cards = [
    { label: 'Ready for 24H2', value: status.total_compatible, note: `${status.compatibility_rate}% of ${status.total_windows} Windows devices` },
    { label: 'Remediable', value: status.remediable, note: 'firmware settings to change' },
    { label: 'Incompatible', value: status.incompatible, note: 'hardware to replace' },
    { label: 'Needs review', value: status.unknown + status.not_assessed, note: 'data missing or not assessed yet' },
  ];

  return (
    <>
      <PageHeader
        title="Windows 11 24H2 readiness"
        description="NinjaOne’s latest hardware data against Microsoft’s 24H2 requirements. Missing data is never counted as incompatible."
        actions={can(ctx.actor, 'inventory:operate') ? <RunAssessmentNow /> : undefined}
      />
      <InventoryTabs current="/inventory/windows-11" />
      {status.last_assessment === null && status.not_assessed === 0 ? (
        <EmptyState title="No assessment yet">The assessment runs after the nightly collectors, or on demand.</EmptyState>
      ) : (
        <div className="space-y-8">
          <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
            <p>
              NinjaOne snapshot {status.snapshot_date ?? '—'}, assessed <DateTime value={status.last_assessment} />.
            </p>
            <ExportLinks label="Export readiness" hrefs={{ csv: exportHref('csv'), xlsx: exportHref('xlsx'), pdf: exportHref('pdf') }} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {cards.map((c) => (
              <div key={c.label} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium text-slate-900">{c.label}</p>
                <p className="mt-2 text-2xl font-semibold text-slate-900">{c.value}</p>
                <p className="text-xs text-slate-600">{c.note}</p>
              </div>
            ))}
          </div>

          <div className="grid gap-6 xl:grid-cols-3">
            <section aria-labelledby="by-org" className="xl:col-span-2">
              <h2 id="by-org" className="mb-3 text-base font-semibold text-slate-900">
                By client
              </h2>
              <Table label="Readiness by client">
                <THead>
                  <Th>Client</Th>
                  <Th className="text-right">Windows</Th>
                  <Th className="text-right">Ready</Th>
                  <Th className="text-right">Remediable</Th>
                  <Th className="text-right">Incompatible</Th>
                  <Th className="text-right">Review</Th>
                  <Th>Export</Th>
                </THead>
                <TBody>
                  {byOrg.organizations.map((o) => (
                    <tr key={`${o.organization_id ?? ''}-${o.organization}`}>
                      <Td>
                        {o.organization_id !== null ? (
                          <Link className="text-brand-700 underline" href={`/organizations/${o.organization_id}`}>
                            {o.organization}
                          </Link>
                        ) : (
                          o.organization
                        )}
                      </Td>
                      <Td className="text-right tabular-nums">{o.total_windows}</Td>
                      <Td className="text-right tabular-nums">
                        {o.total_compatible} <span className="text-xs text-slate-500">({o.compatibility_rate}%)</span>
                      </Td>
                      <Td className="text-right tabular-nums">{o.remediable}</Td>
                      <Td className="text-right tabular-nums">{o.incompatible}</Td>
                      <Td className="text-right tabular-nums">{o.unknown}</Td>
                      <Td>
                        {o.organization_id !== null && (
                          <a className="text-xs text-brand-700 underline" href={`/api/windows-11-24h2/export?format=xlsx&organization_id=${o.organization_id}`} download>
                            Excel
                          </a>
                        )}
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </section>
            <section aria-labelledby="reasons">
              <h2 id="reasons" className="mb-3 text-base font-semibold text-slate-900">
                Most common reasons
              </h2>
              <Table label="Failed requirements">
                <THead>
                  <Th>Requirement</Th>
                  <Th>Kind</Th>
                  <Th className="text-right">Devices</Th>
                </THead>
                <TBody>
                  {byOrg.reasons.map((r) => (
                    <tr key={`${r.requirement}-${r.status}`}>
                      <Td>{requirementLabel(r.requirement)}</Td>
                      <Td>{r.status === 'unknown' ? 'not reported' : r.status}</Td>
                      <Td className="text-right tabular-nums">{r.n}</Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </section>
          </div>

          <section aria-labelledby="not-ready">
            <h2 id="not-ready" className="mb-3 text-base font-semibold text-slate-900">
              Devices not ready
            </h2>
            <ReadinessDevices devices={notReady.devices} label="Devices not ready for 24H2" />
            <Pagination page={page} perPage={PER_PAGE} total={notReady.total_count} label="Devices not ready" hrefFor={(p) => `?page=${p}`} />
          </section>
        </div>
      )}
    </>
  );
}
