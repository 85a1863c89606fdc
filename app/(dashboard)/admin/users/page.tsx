import type { Metadata } from 'next';
import { UsersManager } from '@/components/admin/users-manager';
import { PageHeader } from '@/components/ui/page-header';
import { listOrganizationChoicesFor, listUsersFor } from '@/lib/admin';
import { getPageContext } from '@/lib/auth/page-context';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/passwords';
import { can, canGrantRole, isSuperuser, ROLES } from '@/lib/auth/policy';
import { envelope } from '@/lib/http/respond';

export const metadata: Metadata = { title: 'Users' };

const PER_PAGE = 25;

export default async function UsersPage() {
  const ctx = await getPageContext('user:read');
  const { actor } = ctx;
  const filters = { page: 1, per_page: PER_PAGE };
  const [list, organizations] = await Promise.all([
    listUsersFor(ctx, {}, filters),
    listOrganizationChoicesFor(ctx),
  ]);
  const superuser = isSuperuser(actor);
  return (
    <>
      <PageHeader
        title="Users"
        description={
          superuser
            ? 'People who can sign in, in every organisation. Roles decide what each of them may do.'
            : 'People of your organisation who can sign in, and what each of them may do.'
        }
      />
      <UsersManager
        initial={{ filters, data: envelope(list.rows, `http://local/api/v1/users?page=1&per_page=${PER_PAGE}`, { ...filters, total: list.total }) }}
        permissions={{
          canCreate: can(actor, 'user:create'),
          canUpdate: can(actor, 'user:update'),
          canDelete: can(actor, 'user:delete'),
          isSuperuser: superuser,
        }}
        grantableRoles={[...ROLES].filter((r) => canGrantRole(actor, r))}
        organizations={organizations}
        currentUserId={actor.kind === 'user' ? actor.userId : null}
        passwordMinLength={PASSWORD_MIN_LENGTH}
      />
    </>
  );
}
