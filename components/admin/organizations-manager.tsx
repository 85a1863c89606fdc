'use client';

import { useState } from 'react';
import type { OrganizationDto } from '@/lib/admin/dto';
import type { OrganizationListFilters } from './query-keys';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { CheckboxField, TextField } from '@/components/ui/form-field';
import { TBody, Td, Th, THead } from '@/components/ui/table';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { DialogForm } from './dialog-form';
import { fieldError } from './form-error';
import {
  useCreateOrganizationMutation,
  useDeleteOrganizationMutation,
  useOrganizationsQuery,
  useUpdateOrganizationMutation,
  type Initial,
  type OrganizationDeleteResult,
  type OrganizationInput,
} from './hooks';
import { ListResults, ListToolbar, RowAction, savedMessage, useFilter } from './list-view';
import { useDebounced } from './use-debounced';

export type OrganizationPermissions = { canCreate: boolean; canUpdate: boolean; canDelete: boolean; canSetActive: boolean };

type Props = { initial: Initial<OrganizationListFilters, OrganizationDto[]>; permissions: OrganizationPermissions };

export function OrganizationsManager(props: Props) {
  return (
    <ToastProvider>
      <OrganizationsView {...props} />
    </ToastProvider>
  );
}

function OrganizationsView({ initial, permissions }: Props) {
  const notify = useToast();
  const [page, setPage] = useState(initial.filters.page);
  const toFirstPage = () => setPage(1);
  const [search, setSearch] = useFilter(initial.filters.q ?? '', toFirstPage);
  const [includeDeleted, setIncludeDeleted] = useFilter(Boolean(initial.filters.include_deleted), toFirstPage);
  const q = useDebounced(search.trim());
  const perPage = initial.filters.per_page;
  const query = useOrganizationsQuery({ q: q || undefined, include_deleted: includeDeleted || undefined, page, per_page: perPage }, initial);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<OrganizationDto | null>(null);
  const [deleting, setDeleting] = useState<OrganizationDto | null>(null);

  const rows = query.data?.data ?? [];

  return (
    <>
      <ListToolbar search createLabel={permissions.canCreate ? 'Add organisation' : undefined} onCreate={() => setCreating(true)}>
        <TextField
          label="Search organisations"
          type="search"
          placeholder="Name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-full sm:w-72"
        />
        <CheckboxField label="Show deleted" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} className="pb-2" />
      </ListToolbar>

      <ListResults
        query={query}
        noun="organisations"
        label="Organisations"
        page={page}
        perPage={perPage}
        onPageChange={setPage}
        empty={<EmptyState title={q ? 'No organisations match this search' : 'No organisations yet'} />}
      >
        <THead>
          <Th>Name</Th>
          <Th>Tax ID</Th>
          <Th>Status</Th>
          <Th>Created</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </THead>
        <TBody>
          {rows.map((o) => (
            <tr key={o.id}>
              <Td className="font-medium text-slate-900">
                <span className="mr-2">{o.name}</span>
                {o.is_home && (
                  <Badge tone="brand" mark={false}>
                    Home (MSP)
                  </Badge>
                )}
              </Td>
              <Td className="text-slate-700">{o.tax_id ?? <span className="text-slate-500">—</span>}</Td>
              <Td>
                {o.is_deleted ? (
                  <Badge tone="red">Deleted</Badge>
                ) : o.is_active ? (
                  <Badge tone="green">Active</Badge>
                ) : (
                  <Badge tone="amber">Inactive</Badge>
                )}
              </Td>
              <Td>
                <DateTime value={o.created_at} />
              </Td>
              <Td className="text-right">
                {!o.is_deleted && (
                  <div className="flex justify-end gap-2">
                    {permissions.canUpdate && <RowAction action="Edit" name={o.name} onClick={() => setEditing(o)} />}
                    {permissions.canDelete && !o.is_home && <RowAction action="Delete" name={o.name} danger onClick={() => setDeleting(o)} />}
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </ListResults>

      <Dialog open={creating} onClose={() => setCreating(false)} title="Add organisation">
        <CreateOrganizationForm
          onCancel={() => setCreating(false)}
          onDone={(org) => {
            setCreating(false);
            notify(`${org.name} was added.`);
          }}
        />
      </Dialog>

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.name}` : 'Edit organisation'}>
        {editing && (
          <EditOrganizationForm
            organization={editing}
            canSetActive={permissions.canSetActive}
            onCancel={() => setEditing(null)}
            onDone={(org, changed) => {
              setEditing(null);
              notify(...savedMessage(org.name, changed));
            }}
          />
        )}
      </Dialog>

      <DeleteOrganizationDialog
        organization={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(result) => {
          notify(`${result.name} was deleted.`);
          if (rows.length === 1 && page > 1 && !includeDeleted) setPage(page - 1);
        }}
      />
    </>
  );
}

const orgFields = ['name', 'tax_id', 'is_active'] as const;

function CreateOrganizationForm({ onCancel, onDone }: { onCancel: () => void; onDone: (org: OrganizationDto) => void }) {
  const mutation = useCreateOrganizationMutation();
  const submit = (form: FormData) => {
    const taxId = String(form.get('tax_id') ?? '').trim();
    mutation.mutate({ name: String(form.get('name') ?? ''), tax_id: taxId || null }, { onSuccess: onDone });
  };
  return (
    <DialogForm onSubmit={submit} mutation={mutation} fields={orgFields} submitLabel="Add organisation" onCancel={onCancel}>
      <TextField label="Name" name="name" required maxLength={200} autoComplete="off" error={fieldError(mutation.error, 'name')} data-autofocus />
      <TextField label="Tax ID" name="tax_id" maxLength={64} autoComplete="off" hint="Optional." error={fieldError(mutation.error, 'tax_id')} />
    </DialogForm>
  );
}

function EditOrganizationForm({
  organization,
  canSetActive,
  onCancel,
  onDone,
}: {
  organization: OrganizationDto;
  canSetActive: boolean;
  onCancel: () => void;
  onDone: (org: OrganizationDto, changed: boolean) => void;
}) {
  const mutation = useUpdateOrganizationMutation();
  const submit = (form: FormData) => {
    const input: OrganizationInput = {};
    const name = String(form.get('name') ?? '').trim();
    const taxId = String(form.get('tax_id') ?? '').trim() || null;
    if (name !== organization.name) input.name = name;
    if (taxId !== organization.tax_id) input.tax_id = taxId;
    if (canSetActive && !organization.is_home) {
      const active = form.get('is_active') === 'on';
      if (active !== organization.is_active) input.is_active = active;
    }
    if (Object.keys(input).length === 0) {
      onDone(organization, false);
      return;
    }
    mutation.mutate({ id: organization.id, input }, { onSuccess: (org) => onDone(org, true) });
  };
  return (
    <DialogForm onSubmit={submit} mutation={mutation} fields={orgFields} submitLabel="Save changes" onCancel={onCancel}>
      <TextField
        label="Name"
        name="name"
        required
        maxLength={200}
        defaultValue={organization.name}
        error={fieldError(mutation.error, 'name')}
        data-autofocus
      />
      <TextField
        label="Tax ID"
        name="tax_id"
        maxLength={64}
        defaultValue={organization.tax_id ?? ''}
        hint="Leave blank to clear it."
        error={fieldError(mutation.error, 'tax_id')}
      />
      {canSetActive && (
        <CheckboxField
          label="Active"
          name="is_active"
          defaultChecked={organization.is_active}
          disabled={organization.is_home}
          hint={
            organization.is_home
              ? 'The home organisation is always active.'
              : 'While inactive, its users cannot sign in and its API keys do not work; activating it again restores both.'
          }
          error={fieldError(mutation.error, 'is_active')}
        />
      )}
    </DialogForm>
  );
}

/** Confirms the cascade first, then reports what the server actually changed. */
function DeleteOrganizationDialog({
  organization,
  onClose,
  onDeleted,
}: {
  organization: OrganizationDto | null;
  onClose: () => void;
  onDeleted: (result: OrganizationDeleteResult) => void;
}) {
  const mutation = useDeleteOrganizationMutation();
  const [result, setResult] = useState<OrganizationDeleteResult | null>(null);
  const close = () => {
    setResult(null);
    mutation.reset();
    onClose();
  };
  const confirm = () => {
    if (!organization) return;
    mutation.mutate(organization.id, {
      onSuccess: (r) => {
        setResult(r);
        onDeleted(r);
      },
    });
  };
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    <Dialog
      open={organization !== null}
      onClose={close}
      title={result ? `${result.name} was deleted` : organization ? `Delete ${organization.name}?` : 'Delete organisation?'}
    >
      {result ? (
        <>
          <Alert tone="success" title="Organisation deleted">
            <ul className="list-disc pl-5" data-testid="delete-cascade-counts">
              <li>{plural(result.users_deactivated, 'user deactivated', 'users deactivated')}</li>
              <li>{plural(result.sites_deactivated, 'site deactivated', 'sites deactivated')}</li>
              <li>{plural(result.api_keys_revoked, 'API key revoked', 'API keys revoked')}</li>
            </ul>
          </Alert>
          <DialogActions>
            <Button onClick={close} autoFocus>
              Close
            </Button>
          </DialogActions>
        </>
      ) : (
        <>
          <div className="space-y-3 text-sm text-slate-700">
            <p>
              Deleting <strong>{organization?.name}</strong> also, at once:
            </p>
            <ul className="list-disc space-y-1 pl-5">
              <li>deactivates all of its users and signs them out,</li>
              <li>deactivates all of its Drupal sites,</li>
              <li>revokes all of its API keys.</li>
            </ul>
            <p>The records are kept for the retention period and then removed for good.</p>
          </div>
          {mutation.error && (
            <Alert tone="error" className="mt-4">
              {mutation.error.message}
            </Alert>
          )}
          <DialogActions>
            <Button variant="secondary" onClick={close} disabled={mutation.isPending} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm} pending={mutation.isPending}>
              Delete organisation
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
