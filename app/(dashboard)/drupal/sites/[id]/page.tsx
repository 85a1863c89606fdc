import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AcceptRiskButton } from '@/components/drupal/accept-risk-button';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { SiteKeyPanel } from '@/components/drupal/site-key-panel';
import { CountBadge, StatusBadge } from '@/components/drupal/status';
import { DateTime } from '@/components/ui/date-time';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { countSiteApiKeysFor, getSite, listPatchRunsFor, listSiteHistoryFor, listSiteModulesFor } from '@/lib/drupal';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';

export const metadata: Metadata = { title: 'Drupal site' };

export default async function DrupalSitePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageContext('site:read');
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const site = await getSite(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const [modules, history, runs, keyCount] = await Promise.all([
    listSiteModulesFor(ctx, id, {}, { page: 1, per_page: 100 }),
    listSiteHistoryFor(ctx, id, { limit: 60 }),
    listPatchRunsFor(ctx, id, {}, { page: 1, per_page: 10 }),
    countSiteApiKeysFor(ctx, id),
  ]);
  const changes = history.filter((h) => h.previous_version !== null);
  const canAccept = can(ctx.actor, 'site:accept_risk', { organizationId: site.organization_id, siteId: site.id });
  const canKeys = can(ctx.actor, 'api_key:create', { organizationId: site.organization_id });
  const appUrl = env().APP_URL ?? `http://localhost:${env().PORT}`;

  return (
    <>
      <PageHeader title={site.name} description={`${site.url} · ${site.organization_name}${site.core_version ? ` · Drupal ${site.core_version}` : ''}`} />
      <DrupalNav current="" showOutbox={can(ctx.actor, 'outbox:read')} />
      <div className="mb-6 flex flex-wrap gap-3 text-sm">
        <CountBadge count={site.security_updates} tone="red" label="security updates" />
        <CountBadge count={site.other_updates} tone="amber" label="other updates" />
        <span className="text-slate-600">
          Last report: {site.last_report_at ? <DateTime value={site.last_report_at} /> : 'none yet'}
        </span>
      </div>

      <section aria-labelledby="modules-heading" className="mb-8">
        <h2 id="modules-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Modules ({modules.total})
        </h2>
        {modules.rows.length === 0 ? (
          <EmptyState title="No report yet">Once the site posts its module list, its modules appear here.</EmptyState>
        ) : (
          <Table label="Modules, security updates first">
            <THead>
              <Th>Project</Th>
              <Th>Status</Th>
              <Th>Installed</Th>
              <Th>Recommended</Th>
              <Th>Security releases</Th>
              {canAccept && <Th>Risk</Th>}
            </THead>
            <TBody>
              {modules.rows.map((m) => (
                <tr key={m.id}>
                  <Td>
                    <Link href={`/drupal/projects/${m.module_id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {m.module_name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {m.type}
                      {m.enabled ? '' : ' · disabled'}
                    </div>
                  </Td>
                  <Td>
                    <StatusBadge status={m.status} securityUpdate={m.security_update} riskAccepted={m.accepted_risk?.active} />
                    {m.accepted_risk?.active && (
                      <div className="mt-1 text-xs text-slate-600">
                        {m.accepted_risk.reason} (until <DateTime value={m.accepted_risk.expires_at} />)
                      </div>
                    )}
                    {m.release_data.error && <div className="mt-1 text-xs text-slate-500">Release data: {m.release_data.error.slice(0, 120)}</div>}
                  </Td>
                  <Td>{m.current_version ?? '—'}</Td>
                  <Td>{m.recommended_version ?? '—'}</Td>
                  <Td>
                    {m.security_releases.length === 0
                      ? '—'
                      : m.security_releases.map((r) =>
                          r.release_link ? (
                            <a key={r.version} href={r.release_link} className="mr-2 text-brand-700 underline" rel="noreferrer">
                              {r.version}
                            </a>
                          ) : (
                            <span key={r.version} className="mr-2">
                              {r.version}
                            </span>
                          ),
                        )}
                  </Td>
                  {canAccept && (
                    <Td>
                      {(m.security_update || m.update_available || m.accepted_risk) && (
                        <AcceptRiskButton siteModuleId={m.id} project={m.module_name} accepted={Boolean(m.accepted_risk?.active)} />
                      )}
                    </Td>
                  )}
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <div className="grid gap-8 lg:grid-cols-2">
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Version history
          </h2>
          {changes.length === 0 ? (
            <p className="text-sm text-slate-600">No version changes reported yet.</p>
          ) : (
            <ol className="relative space-y-3 border-l border-slate-300 pl-4">
              {changes.map((h) => (
                <li key={h.id} className="text-sm">
                  <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border border-white bg-brand-600" aria-hidden="true" />
                  <div className="font-medium text-slate-900">
                    {h.module_name}: {h.previous_version} → {h.version}
                  </div>
                  <div className="text-xs text-slate-600">
                    first seen <DateTime value={h.first_seen} />, last seen <DateTime value={h.last_seen} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="runs-heading">
          <h2 id="runs-heading" className="mb-3 text-lg font-semibold text-slate-900">
            Patch runs
          </h2>
          {runs.rows.length === 0 ? (
            <p className="text-sm text-slate-600">No patch runs recorded. Record one with POST /api/v1/sites/{site.id}/patch-run.</p>
          ) : (
            <ul className="space-y-3">
              {runs.rows.map((run) => (
                <li key={run.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                  <div className="font-medium">
                    <DateTime value={run.run_date} /> · {run.update_count} update(s), {run.security_update_count} security
                  </div>
                  <ul className="mt-1 text-xs text-slate-600">
                    {run.items.map((i) => (
                      <li key={i.id}>
                        {i.is_security ? 'Security: ' : ''}
                        {i.project} {i.from_version ?? '?'} → {i.to_version}
                        {i.lag_days !== null ? ` (${i.lag_days} days after release)` : ''}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="key-heading" className="mt-8 max-w-3xl">
        <h2 id="key-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Reporting key
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {keyCount > 0
            ? `This site has ${keyCount} active key(s). Rotating creates a new key and revokes the old ones.`
            : 'This site has no key yet. It needs one to post its module report.'}
        </p>
        {canKeys ? (
          <SiteKeyPanel site={{ id: site.id, name: site.name, organization_id: site.organization_id }} appUrl={appUrl} hasKeys={keyCount > 0} />
        ) : (
          <p className="text-sm text-slate-600">An organisation admin can create or rotate it here.</p>
        )}
      </section>
    </>
  );
}
