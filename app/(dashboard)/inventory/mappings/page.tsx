import type { Metadata } from 'next';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { listVendorOrganizations, mappingChoices, previewOrganizationsForUnmatched } from '@/lib/inventory';
import { CreateOrganizations } from '@/components/inventory/create-organizations';
import { MappingControl } from '@/components/inventory/mapping-control';

export const metadata: Metadata = { title: 'Vendor organisations' };

const tone: Record<string, BadgeTone> = { proposed: 'amber', confirmed: 'green', ignored: 'slate' };
const label: Record<string, string> = { proposed: 'Needs review', confirmed: 'Confirmed', ignored: 'Not ours' };

export default async function VendorOrganizationsPage() {
  const ctx = await getPageContext('inventory:operate');
  const { vendor_organizations: rows } = await listVendorOrganizations(ctx);
  const plan = await previewOrganizationsForUnmatched(ctx);
  const organizations = await mappingChoices(ctx);

  return (
    <>
      <PageHeader
        title="Vendor organisations"
        description="Which of our organisations each NinjaOne and ThreatLocker client is. The checks compare unmapped clients by name meanwhile; devices and exceptions reach a client's users only once its mapping is confirmed."
        actions={
          rows.length > 0 && (
            <CreateOrganizations names={plan.create.map((c) => c.name)} nearMatches={plan.skipped.filter((s) => s.reason === 'close_to_existing').length} />
          )
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No vendor organisations yet">They appear after the first NinjaOne or ThreatLocker collection.</EmptyState>
      ) : (
        <Table label="Vendor organisations">
          <THead>
            <Th>Vendor</Th>
            <Th>Vendor organisation</Th>
            <Th>Devices</Th>
            <Th>Status</Th>
            <Th>Proposal</Th>
            <Th>Our organisation</Th>
          </THead>
          <TBody>
            {rows.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap">{r.vendor === 'Ninja' ? 'NinjaOne' : r.vendor}</Td>
                <Td>
                  <span className="block font-medium text-slate-900">{r.vendor_org_name}</span>
                  <span className="block font-mono text-xs text-slate-500">{r.vendor_org_id}</span>
                </Td>
                <Td className="tabular-nums">{r.device_count}</Td>
                <Td>
                  <Badge tone={tone[r.status] ?? 'slate'}>{label[r.status] ?? r.status}</Badge>
                </Td>
                <Td className="text-sm text-slate-700">
                  {r.proposed_organization_name ? `${r.proposed_organization_name} (${Math.round((r.proposal_score ?? 0) * 100)}% match)` : '—'}
                </Td>
                <Td>
                  {/* Keyed by the mapping: a change made elsewhere (the one-click set-up) must reset the picker's choice. */}
                  <MappingControl
                    key={`${r.status}-${r.organization_id}`}
                    id={r.id}
                    vendorOrgName={r.vendor_org_name}
                    current={r.organization_id}
                    proposed={r.proposed_organization_id}
                    status={r.status}
                    organizations={organizations}
                  />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
