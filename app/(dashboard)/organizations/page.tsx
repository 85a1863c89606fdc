import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { isSuperuser } from '@/lib/auth/policy';
import { openExceptionsByClient, visibleOrganizations } from '@/lib/inventory';
import { getPageContext } from '@/lib/auth/page-context';

export const metadata = { title: 'Clients' };

export default async function OrganizationsPage() {
  const ctx = await getPageContext('inventory:read');
  // Everyone but MSP staff has exactly one organisation: theirs.
  if (!isSuperuser(ctx.actor)) redirect(`/organizations/${ctx.actor.organizationId}`);
  const [organizations, open] = await Promise.all([visibleOrganizations(ctx), openExceptionsByClient(ctx)]);
  return (
    <>
      <PageHeader title="Clients" description="Each client’s devices, exceptions, Windows 11 readiness and device counts over time." />
      <Table label="Clients">
        <THead>
          <Th>Client</Th>
          <Th className="text-right">Open exceptions</Th>
        </THead>
        <TBody>
          {organizations.map((o) => (
            <tr key={o.id}>
              <Td>
                <Link className="text-brand-700 underline" href={`/organizations/${o.id}`}>
                  {o.name}
                </Link>
                {o.is_home && <span className="ml-2 text-xs text-slate-500">(your MSP)</span>}
              </Td>
              <Td className="text-right tabular-nums">{open.find((x) => x.organization_id === o.id)?.total ?? 0}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
