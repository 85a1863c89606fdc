'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/form-field';
import { ApiError } from '@/components/api-fetch';
import { useRegisterSiteMutation } from './hooks';
import { SiteKeyPanel } from './site-key-panel';

/** Registers a site, then offers its API key (for those who may create keys). */
export function RegisterSiteForm({
  organizations,
  defaultOrganizationId,
  canCreateKeys,
  appUrl,
}: {
  organizations: { id: number; name: string }[];
  defaultOrganizationId: number;
  canCreateKeys: boolean;
  appUrl: string;
}) {
  const register = useRegisterSiteMutation();
  const { error, data: site } = register;
  const fields = error instanceof ApiError ? error.fieldErrors : {};

  if (site) {
    return (
      <div className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <Alert tone="success">
          {site.name} is registered as {site.url}.
        </Alert>
        {canCreateKeys ? (
          <>
            <p className="text-sm text-slate-700">Create the key the site sends its module report with:</p>
            <SiteKeyPanel site={site} appUrl={appUrl} hasKeys={false} />
          </>
        ) : (
          <p className="text-sm text-slate-700">Ask an organisation admin to create the site&apos;s API key on the site page.</p>
        )}
        <Link href={`/drupal/sites/${site.id}`} className="text-sm font-medium text-brand-700 underline">
          Open the site page
        </Link>
      </div>
    );
  }

  return (
    <form
      className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const description = String(form.get('description') ?? '').trim();
        register.mutate({
          url: String(form.get('url')),
          name: String(form.get('name')),
          ...(description ? { description } : {}),
          organization_id: Number(form.get('organization_id') ?? defaultOrganizationId),
        });
      }}
    >
      {error && !Object.keys(fields).length && <Alert tone="error">{error.message}</Alert>}
      <TextField label="Site URL" name="url" type="url" required placeholder="https://www.example.com" error={fields.url} />
      <TextField label="Name" name="name" required maxLength={200} error={fields.name} />
      <TextField label="Description (optional)" name="description" maxLength={2000} />
      {organizations.length > 1 && (
        <SelectField label="Organisation" name="organization_id" defaultValue={defaultOrganizationId} error={fields.organization_id}>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      )}
      <Button type="submit" pending={register.isPending}>
        Register site
      </Button>
    </form>
  );
}
