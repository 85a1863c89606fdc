import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { StatusBadge } from '@/components/drupal/status';
import { Badge } from '@/components/ui/badge';
import { DateTime } from '@/components/ui/date-time';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { listModuleVersionsFor, listProjectSitesFor } from '@/lib/drupal';
import { AppError } from '@/lib/core/errors';

export const metadata: Metadata = { title: 'Drupal project' };

export default async function DrupalProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageContext('site:read');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const versions = await listModuleVersionsFor(ctx, id, { page: 1, per_page: 100 }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const sites = await listProjectSitesFor(ctx, id);
  const byVersion = new Map<string, typeof sites>();
  for (const site of sites) {
    const key = site.current_version ?? 'unknown version';
    byVersion.set(key, [...(byVersion.get(key) ?? []), site]);
  }
  const project = versions.module;
  return (
    <>
      <PageHeader title={project.title ?? project.module_name} description={`Project ${project.module_name}: which sites run which version.`} />
      <DrupalNav current="" showOutbox={can(ctx.actor, 'outbox:read')} />
      {project.drupal_link && (
        <p className="mb-4 text-sm">
          <a href={project.drupal_link} className="text-brand-700 underline" rel="noreferrer">
            {project.drupal_link}
          </a>
        </p>
      )}
      <section aria-labelledby="usage-heading" className="mb-8">
        <h2 id="usage-heading" className="mb-3 text-lg font-semibold">
          Sites by installed version
        </h2>
        {sites.length === 0 ? (
          <p className="text-sm text-slate-600">No site you can see runs this project now.</p>
        ) : (
          <Table label="Sites running this project">
            <THead>
              <Th>Version</Th>
              <Th>Site</Th>
              <Th>Status</Th>
              <Th>Recommended</Th>
            </THead>
            <TBody>
              {[...byVersion.entries()].flatMap(([version, group]) =>
                group.map((site, index) => (
                  <tr key={`${version}-${site.site_id}`}>
                    <Td className="font-medium">{index === 0 ? `${version} (${group.length})` : ''}</Td>
                    <Td>
                      <Link href={`/drupal/sites/${site.site_id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {site.site_name}
                      </Link>
                      <div className="text-xs text-slate-500">{site.organization_name}</div>
                    </Td>
                    <Td>
                      <StatusBadge status={site.status} securityUpdate={site.security_update} />
                    </Td>
                    <Td>{site.recommended_version ?? '—'}</Td>
                  </tr>
                )),
              )}
            </TBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="releases-heading">
        <h2 id="releases-heading" className="mb-3 text-lg font-semibold">
          Releases
        </h2>
        <Table label="Known releases, newest first">
          <THead>
            <Th>Version</Th>
            <Th>Released</Th>
            <Th>Type</Th>
            <Th>Sites on it</Th>
          </THead>
          <TBody>
            {versions.rows.map((v) => (
              <tr key={v.id}>
                <Td>{v.release_link ? <a href={v.release_link} className="text-brand-700 underline" rel="noreferrer">{v.version_number}</a> : v.version_number}</Td>
                <Td>{v.release_date ? <DateTime value={v.release_date} /> : '—'}</Td>
                <Td>
                  <span className="inline-flex flex-wrap gap-1">
                    {v.is_security_release && <Badge tone="red">Security release</Badge>}
                    {v.is_insecure && <Badge tone="amber">Insecure</Badge>}
                    {v.is_unsupported && <Badge tone="slate">Unsupported</Badge>}
                    {v.is_published === false && <Badge tone="slate">Revoked</Badge>}
                  </span>
                </Td>
                <Td>{v.site_count}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
    </>
  );
}
