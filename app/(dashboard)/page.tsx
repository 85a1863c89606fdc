import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { listOrganizationsFor } from '@/lib/admin';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { navigationFor } from '@/lib/auth/navigation';
import { listSitesFor } from '@/lib/drupal';

export default async function HomePage() {
  const ctx = await getPageContext();
  const [orgs, sites] = await Promise.all([
    listOrganizationsFor(ctx, {}, { page: 1, per_page: 1 }),
    can(ctx.actor, 'site:read') ? listSitesFor(ctx, {}, { page: 1, per_page: 1 }) : Promise.resolve({ total: 0 }),
  ]);
  const areas = navigationFor(ctx.actor).flatMap((g) => g.items).filter((i) => i.href !== '/');
  return (
    <>
      <PageHeader
        title="Home"
        description={
          can(ctx.actor, 'organization:create')
            ? 'All client organisations of the MSP.'
            : 'Your organisation at a glance.'
        }
      />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Organisations</dt>
          <dd className="mt-1 text-3xl font-semibold" data-testid="count-organizations">
            {orgs.total}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Drupal sites</dt>
          <dd className="mt-1 text-3xl font-semibold" data-testid="count-sites">
            {sites.total}
          </dd>
        </div>
      </dl>
      <h2 className="mb-3 mt-8 text-lg font-semibold">Go to</h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {areas.map((a) => (
          <li key={a.href}>
            <Link href={a.href} className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium text-brand-700 hover:border-brand-600">
              {a.label}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
