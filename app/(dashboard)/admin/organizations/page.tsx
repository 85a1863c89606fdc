import type { Metadata } from 'next';
import { OrganizationsManager } from '@/components/admin/organizations-manager';
import { PageHeader } from '@/components/ui/page-header';
import { listOrganizationsFor } from '@/lib/admin';
import { getPageContext } from '@/lib/auth/page-context';
import { can, isSuperuser } from '@/lib/auth/policy';
import { envelope } from '@/lib/http/respond';

export const metadata: Metadata = { title: 'Organisations' };

const PER_PAGE = 25;

export default async function OrganizationsPage() {
  // Managing the list of client organisations is for superusers.
  const ctx = await getPageContext('organization:create');
  const { actor } = ctx;
  const filters = { page: 1, per_page: PER_PAGE };
  const list = await listOrganizationsFor(ctx, {}, filters);
  return (
    <>
      <PageHeader title="Organisations" description="The MSP's client organisations. Each one owns its users, Drupal sites and API keys." />
      <OrganizationsManager
        initial={{ filters, data: envelope(list.rows, `http://local/api/v1/organizations?page=1&per_page=${PER_PAGE}`, { ...filters, total: list.total }) }}
        permissions={{
          canCreate: can(actor, 'organization:create'),
          canUpdate: can(actor, 'organization:update'),
          canDelete: can(actor, 'organization:delete'),
          canSetActive: isSuperuser(actor),
        }}
      />
    </>
  );
}
