import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';
import { scopeOf } from '@/lib/auth/policy';

export default async function DrupalPage() {
  const ctx = await getPageContext('site:read');
  const scope = scopeOf(ctx.actor);
  const sites = await ctx.db
    .selectFrom('sites')
    .innerJoin('organizations', 'organizations.id', 'sites.organization_id')
    .select(['sites.id', 'sites.name', 'sites.url', 'organizations.name as organization'])
    .where('sites.is_deleted', '=', false)
    .$if(scope.organizationId !== null, (q) => q.where('sites.organization_id', '=', scope.organizationId!))
    .orderBy('organizations.name')
    .orderBy('sites.name')
    .execute();
  return (
    <>
      <PageHeader title="Drupal sites" description="Sites that report their installed modules, and their security posture." />
      {sites.length === 0 ? (
        <EmptyState title="No sites registered" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Site</th>
                <th scope="col" className="px-4 py-2 font-medium">URL</th>
                <th scope="col" className="px-4 py-2 font-medium">Organisation</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sites.map((s) => (
                <tr key={s.id}>
                  <td className="px-4 py-2 font-medium">{s.name}</td>
                  <td className="px-4 py-2 text-slate-600">{s.url}</td>
                  <td className="px-4 py-2">{s.organization}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
