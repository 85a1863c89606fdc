import type { Metadata } from 'next';
import { DrupalNav } from '@/components/drupal/drupal-nav';
import { RegisterSiteForm } from '@/components/drupal/register-site-form';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/auth/page-context';
import { can } from '@/lib/auth/policy';
import { listSiteOrganizationsFor } from '@/lib/drupal';
import { env } from '@/lib/core/env';

export const metadata: Metadata = { title: 'Register a Drupal site' };

export default async function RegisterSitePage() {
  const ctx = await getPageContext('site:create');
  const organizations = (await listSiteOrganizationsFor(ctx)).filter((o) => !o.is_home || o.id === ctx.actor.organizationId);
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
