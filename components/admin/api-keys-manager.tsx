'use client';

import { useState } from 'react';
import type { ApiKeyDto } from '@/lib/admin/dto';
import type { ApiKeyListFilters } from './query-keys';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyField } from '@/components/ui/copy-field';
import { DateTime } from '@/components/ui/date-time';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { TBody, Td, Th, THead } from '@/components/ui/table';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { OrganizationFilter, OrganizationOptions, RoleOptions } from './choices';
import { DialogForm } from './dialog-form';
import { fieldError } from './form-error';
import { useApiKeysQuery, useCreateApiKeyMutation, useRevokeApiKeyMutation, type CreatedApiKey, type Initial } from './hooks';
import { roleLabel, type OrganizationChoice, type SiteChoice } from './labels';
import { ListResults, ListToolbar, RowAction, useFilter } from './list-view';

export type ApiKeyPermissions = { canCreate: boolean; canRevoke: boolean; canChooseOrganization: boolean };

type Props = {
  initial: Initial<ApiKeyListFilters, ApiKeyDto[]>;
  permissions: ApiKeyPermissions;
  /** Roles a key may be given by this caller (never superuser). */
  roles: string[];
  organizations: OrganizationChoice[];
  sites: SiteChoice[];
};

export function ApiKeysManager(props: Props) {
  return (
    <ToastProvider>
      <ApiKeysView {...props} />
    </ToastProvider>
  );
}

function ApiKeysView({ initial, permissions, roles, organizations, sites }: Props) {
  const notify = useToast();
  const [page, setPage] = useState(initial.filters.page);
  const toFirstPage = () => setPage(1);
  const [includeRevoked, setIncludeRevoked] = useFilter(Boolean(initial.filters.include_revoked), toFirstPage);
  const [organizationId, setOrganizationId] = useFilter(initial.filters.organization_id ? String(initial.filters.organization_id) : '', toFirstPage);
  const perPage = initial.filters.per_page;
  const query = useApiKeysQuery(
    {
      include_revoked: includeRevoked || undefined,
      organization_id: organizationId ? Number(organizationId) : undefined,
      page,
      per_page: perPage,
    },
    initial,
  );
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const revoke = useRevokeApiKeyMutation();

  const rows = query.data?.data ?? [];

  const confirmRevoke = () => {
    if (!revoking) return;
    const key = revoking;
    // Optimistic: the row shows as revoked at once; an error rolls it back.
    setRevoking(null);
    revoke.mutate(key.id, {
      onSuccess: () => notify(`Key “${key.name}” was revoked; it stops working at once.`),
      onError: (error) => notify(`Could not revoke “${key.name}”: ${error.message}`, 'error'),
    });
  };

  return (
    <>
      <ListToolbar label="Filter API keys" createLabel={permissions.canCreate ? 'Create API key' : undefined} onCreate={() => setCreating(true)}>
        {permissions.canChooseOrganization && (
          <OrganizationFilter organizations={organizations} value={organizationId} onChange={setOrganizationId} className="w-full sm:w-64" />
        )}
        <CheckboxField label="Show revoked keys" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} className="pb-2" />
      </ListToolbar>

      <ListResults
        query={query}
        noun="API keys"
        label="API keys"
        page={page}
        perPage={perPage}
        onPageChange={setPage}
        empty={
          <EmptyState title="No API keys">
            {permissions.canCreate ? 'Create one for a Drupal site or a dashboard with “Create API key”.' : null}
          </EmptyState>
        }
      >
        <THead>
          <Th>Name</Th>
          <Th>Prefix</Th>
          <Th>Organisation</Th>
          <Th>Role</Th>
          <Th>Bound site</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          {permissions.canRevoke && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </THead>
        <TBody>
          {rows.map((k) => (
            <tr key={k.id} className={k.is_revoked ? 'bg-slate-50 text-slate-500' : undefined}>
              <Td className="min-w-40 font-medium text-slate-900">{k.name}</Td>
              <Td>
                <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{k.prefix}…</code>
              </Td>
              <Td className="whitespace-nowrap">{k.organization_name}</Td>
              <Td className="whitespace-nowrap">{roleLabel(k.role)}</Td>
              <Td className="whitespace-nowrap">{k.site_name ?? <span className="text-slate-500">Any site</span>}</Td>
              <Td>
                <DateTime value={k.created_at} />
              </Td>
              <Td>
                <DateTime value={k.last_used_at} fallback="Never" />
              </Td>
              <Td>
                {k.is_revoked ? (
                  <span className="flex flex-col gap-0.5">
                    <Badge tone="red">Revoked</Badge>
                    <span className="text-xs">
                      <DateTime value={k.revoked_at} />
                    </span>
                  </span>
                ) : (
                  <Badge tone="green">Active</Badge>
                )}
              </Td>
              {permissions.canRevoke && (
                <Td className="text-right">
                  {!k.is_revoked && <RowAction action="Revoke" name={k.name} danger onClick={() => setRevoking(k)} />}
                </Td>
              )}
            </tr>
          ))}
        </TBody>
      </ListResults>

      <CreateApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        roles={roles}
        organizations={organizations}
        sites={sites}
        canChooseOrganization={permissions.canChooseOrganization}
        onCreated={(key) => notify(`Key “${key.name}” was created.`)}
      />

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : 'Revoke key?'}
        confirmLabel="Revoke key"
        onConfirm={confirmRevoke}
        onClose={() => setRevoking(null)}
      >
        {revoking && (
          <>
            <p>
              The key <code className="font-mono">{revoking.prefix}…</code> of {revoking.organization_name} stops working at once. Anything that
              uses it ({revoking.site_name ? `the site ${revoking.site_name}` : 'a site or a dashboard'}) will be refused.
            </p>
            <p>This cannot be undone; create a new key to restore access.</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}

const keyFields = ['name', 'organization_id', 'role', 'site_id'] as const;

function CreateApiKeyDialog({
  open,
  onClose,
  roles,
  organizations,
  sites,
  canChooseOrganization,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  roles: string[];
  organizations: OrganizationChoice[];
  sites: SiteChoice[];
  canChooseOrganization: boolean;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const mutation = useCreateApiKeyMutation();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const close = () => {
    // The secret leaves memory with the dialog; it is never shown again.
    setCreated(null);
    mutation.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={created ? 'Copy your new API key' : 'Create API key'} size="lg">
      {created ? (
        <NewKeyNotice created={created} onDone={close} />
      ) : (
        <CreateApiKeyForm
          mutation={mutation}
          roles={roles}
          organizations={organizations}
          sites={sites}
          canChooseOrganization={canChooseOrganization}
          onCancel={close}
          onCreated={(key) => {
            setCreated(key);
            onCreated(key);
          }}
        />
      )}
    </Dialog>
  );
}

function CreateApiKeyForm({
  mutation,
  roles,
  organizations,
  sites,
  canChooseOrganization,
  onCancel,
  onCreated,
}: {
  mutation: ReturnType<typeof useCreateApiKeyMutation>;
  roles: string[];
  organizations: OrganizationChoice[];
  sites: SiteChoice[];
  canChooseOrganization: boolean;
  onCancel: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const [organizationId, setOrganizationId] = useState(String(organizations[0]?.id ?? ''));
  const [siteId, setSiteId] = useState('');
  const orgSites = sites.filter((s) => String(s.organization_id) === organizationId);
  const organization = organizations.find((o) => String(o.id) === organizationId);

  const submit = (form: FormData) => {
    mutation.mutate(
      {
        name: String(form.get('name') ?? ''),
        organization_id: Number(organizationId),
        role: String(form.get('role') ?? 'viewer'),
        site_id: siteId ? Number(siteId) : null,
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <DialogForm onSubmit={submit} mutation={mutation} fields={keyFields} columns submitLabel="Create key" onCancel={onCancel}>
      <TextField
        label="Name"
        name="name"
        required
        maxLength={120}
        autoComplete="off"
        placeholder="e.g. Production site reporter"
        hint="Says what uses the key, so that you know what breaks when you revoke it."
        error={fieldError(mutation.error, 'name')}
        className="sm:col-span-2"
        data-autofocus
      />
      {canChooseOrganization ? (
        <SelectField
          label="Organisation"
          name="organization_id"
          value={organizationId}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            setSiteId('');
          }}
          error={fieldError(mutation.error, 'organization_id')}
        >
          <OrganizationOptions organizations={organizations} />
        </SelectField>
      ) : (
        <div>
          <p className="mb-1 block text-sm font-medium text-slate-700">Organisation</p>
          <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">{organization?.name ?? '—'}</p>
        </div>
      )}
      <SelectField
        label="Role"
        name="role"
        defaultValue={roles.includes('viewer') ? 'viewer' : roles[0]}
        hint="What the key may do inside its organisation."
        error={fieldError(mutation.error, 'role')}
      >
        <RoleOptions roles={roles} />
      </SelectField>
      <SelectField
        label="Bound site"
        name="site_id"
        value={siteId}
        onChange={(e) => setSiteId(e.target.value)}
        hint={orgSites.length === 0 ? 'This organisation has no sites; the key will work for the whole organisation.' : 'Optional. A bound key may act on that site only.'}
        error={fieldError(mutation.error, 'site_id')}
        className="sm:col-span-2"
      >
        <option value="">No binding (any site of the organisation)</option>
        {orgSites.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
    </DialogForm>
  );
}

function NewKeyNotice({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <div data-testid="new-api-key">
      <Alert tone="warning" title="You will not see this key again">
        Copy it now and store it somewhere safe, such as the site’s settings or a password manager. Only a hash is kept; if you lose it,
        revoke it and create a new one.
      </Alert>
      <div className="mt-4">
        <CopyField label={`API key “${created.name}”`} value={created.key} autoFocus />
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">Organisation</dt>
        <dd>{created.organization_name}</dd>
        <dt className="text-slate-600">Role</dt>
        <dd>{roleLabel(created.role)}</dd>
        <dt className="text-slate-600">Bound site</dt>
        <dd>{created.site_name ?? 'Any site'}</dd>
      </dl>
      <p className="mt-3 text-sm text-slate-600">
        Send it in the <code className="font-mono">X-API-Key</code> header.
      </p>
      <DialogActions>
        <Button onClick={onDone}>I have copied the key</Button>
      </DialogActions>
    </div>
  );
}
