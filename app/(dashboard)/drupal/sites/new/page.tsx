import type { Metadata } from 'next';
import { listOrganizationChoices } from '@/db/queries/admin/organizations';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { RegisterSiteForm } from '@/components/drupal/register-site-form';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';
import { can, scopeOf } from '@/lib/auth/policy';
import { env } from '@/lib/core/env';

export const metadata: Metadata = { title: 'Register a Drupal site' };

export default async function RegisterSitePage() {
  const ctx = await getPageContext('site:create');
  const organizations = (await listOrganizationChoices(ctx.db, scopeOf(ctx.actor))).filter((o) => !o.is_home || o.id === ctx.actor.organizationId);
  const defaultOrganizationId = organizations.find((o) => !o.is_home)?.id ?? ctx.actor.organizationId;
  return (
    <>
      <PageHeader title="Register a Drupal site" description="The site then posts its module list with its own API key, from cron." />
      <DrupalNav current="" showOutbox={can(ctx.actor, 'outbox:read')} />
      <RegisterSiteForm
        organizations={organizations.map((o) => ({ id: o.id, name: o.name }))}
        defaultOrganizationId={organizations.length > 1 ? defaultOrganizationId : ctx.actor.organizationId}
        canCreateKeys={can(ctx.actor, 'api_key:create')}
        appUrl={env().APP_URL ?? `http://localhost:${env().PORT}`}
      />
    </>
  );
}
