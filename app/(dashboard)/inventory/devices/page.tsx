import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { getHostnameKey, searchDevices } from '@/lib/inventory';

export const metadata = { title: 'Device search' };

const VENDOR_LABELS: Record<string, string> = { Ninja: 'NinjaOne', ThreatLocker: 'ThreatLocker' };
const MATCH_LABELS: Record<string, string> = { serial: 'same serial number', hostname: 'same hostname', netbios_prefix: 'name cut to 15 characters' };

export default async function DeviceSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageContext('inventory:read');
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 255) ?? '';
  // Too short or no usable name: show the form again instead of an error page.
  const usable = q.length >= 2 && getHostnameKey(q) !== '';
  const result = usable ? await searchDevices(ctx, { q, limit: 50 }) : null;

  return (
    <>
      <PageHeader title="Device search" description="One box for both vendors: finds a device by hostname, display name or serial, including ThreatLocker’s names cut to 15 characters." />
      <InventoryTabs current="/inventory/devices" />
      <form method="get" role="search" className="mb-6 flex max-w-xl gap-2">
        <label htmlFor="device-q" className="sr-only">
          Hostname, display name or serial number
        </label>
        <input id="device-q" type="search" name="q" defaultValue={q} minLength={2} maxLength={255} required placeholder="e.g. ACME-LT-0042" className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <button type="submit" className={buttonClasses('primary', 'md')}>
          Search
        </button>
      </form>
      {q !== '' && !usable && <Alert tone="info">Type at least two characters of a hostname.</Alert>}
      {result && (
        <div className="space-y-4" data-testid="device-results">
          <p className="text-sm text-slate-700">
            {result.total_results} record{result.total_results === 1 ? '' : 's'} in {result.groups.length} device{result.groups.length === 1 ? '' : 's'}
            {result.vendors_found.length > 0 ? ` · found in ${result.vendors_found.map((v) => VENDOR_LABELS[v] ?? v).join(' and ')}` : ''}
          </p>
          {result.warning && <Alert tone="warning">{result.warning}</Alert>}
          {result.groups.length === 0 && <EmptyState title="No device matches">Nothing in either vendor’s latest snapshot matches “{q}”.</EmptyState>}
          {result.groups.map((g) => (
            <section key={g.canonical_key} className="rounded-lg border border-slate-200 bg-white p-3" aria-label={`Device ${g.canonical_key}`}>
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <h2 className="font-mono text-sm font-semibold text-slate-900">{g.canonical_key}</h2>
                {['Ninja', 'ThreatLocker'].map((v) =>
                  g.vendors.includes(v) ? (
                    <Badge key={v} tone="green">
                      {VENDOR_LABELS[v]}
                    </Badge>
                  ) : (
                    <Badge key={v} tone="red">
                      Not in {VENDOR_LABELS[v]}
                    </Badge>
                  ),
                )}
                {g.match_method && <span className="text-xs text-slate-600">matched by {MATCH_LABELS[g.match_method] ?? g.match_method}</span>}
              </div>
              <Table label={`Records of ${g.canonical_key}`}>
                <THead>
                  <Th>Vendor</Th>
                  <Th>Hostname</Th>
                  <Th>Display name</Th>
                  <Th>Client</Th>
                  <Th>Serial</Th>
                  <Th>Status</Th>
                  <Th>Last seen</Th>
                </THead>
                <TBody>
                  {g.devices.map((d) => (
                    <tr key={`${d.vendor}-${d.vendor_device_id}`}>
                      <Td>{VENDOR_LABELS[d.vendor] ?? d.vendor}</Td>
                      <Td className="font-mono text-xs">
                        {d.hostname ?? '—'}
                        {d.is_truncated && (
                          <span className="ml-1">
                            <Badge tone="amber">cut to 15</Badge>
                          </span>
                        )}
                      </Td>
                      <Td>{d.display_name ?? '—'}</Td>
                      <Td>{d.organization ?? '—'}</Td>
                      <Td className="font-mono text-xs">{d.serial_number ?? '—'}</Td>
                      <Td>{[d.status, d.billing_status].filter(Boolean).join(' · ') || '—'}</Td>
                      <Td>
                        <DateTime value={d.last_online} />
                        <span className="block text-xs text-slate-500">snapshot {d.snapshot_date}</span>
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
