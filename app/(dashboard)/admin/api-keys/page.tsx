import type { Metadata } from 'next';
import { ApiKeysManager } from '@/components/admin/api-keys-manager';
import { PageHeader } from '@/components/ui/page-header';
import { listApiKeysFor, listKeySiteChoicesFor, listOrganizationChoicesFor } from '@/lib/admin';
import { getPageContext } from '@/lib/auth/page-context';
import { can, canGrantRole, isSuperuser } from '@/lib/auth/policy';
import { envelope } from '@/lib/http/respond';

export const metadata: Metadata = { title: 'API keys' };

const PER_PAGE = 25;
const KEY_ROLES = ['org_admin', 'developer', 'viewer'] as const;

export default async function ApiKeysPage() {
  const ctx = await getPageContext('api_key:read');
  const { actor } = ctx;
  const filters = { page: 1, per_page: PER_PAGE };
  const [list, organizations, sites] = await Promise.all([
    listApiKeysFor(ctx, {}, filters),
    listOrganizationChoicesFor(ctx),
    // Sites a new key may be bound to, within the caller's scope.
    listKeySiteChoicesFor(ctx),
  ]);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let machines (Drupal sites, dashboards) call the API for one organisation, with one role, optionally bound to one site."
      />
      <ApiKeysManager
        initial={{ filters, data: envelope(list.rows, `http://local/api/v1/api-keys?page=1&per_page=${PER_PAGE}`, { ...filters, total: list.total }) }}
        permissions={{
          canCreate: can(actor, 'api_key:create'),
          canRevoke: can(actor, 'api_key:revoke'),
          canChooseOrganization: isSuperuser(actor),
        }}
        roles={KEY_ROLES.filter((r) => canGrantRole(actor, r))}
        organizations={organizations}
        sites={sites}
      />
    </>
  );
}
