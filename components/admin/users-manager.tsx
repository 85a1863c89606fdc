'use client';

import { useState } from 'react';
import type { UserDto } from '@/lib/admin/dto';
import type { UserListFilters } from './query-keys';
import { Badge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DateTime } from '@/components/ui/date-time';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-field';
import { TBody, Td, Th, THead } from '@/components/ui/table';
import { ToastProvider, useToast } from '@/components/ui/toast';
import { OrganizationFilter, OrganizationOptions, RoleOptions } from './choices';
import { DialogForm } from './dialog-form';
import { fieldError } from './form-error';
import {
  useCreateUserMutation,
  useDeleteUserMutation,
  useUpdateUserMutation,
  useUsersQuery,
  type Initial,
  type UserUpdateInput,
} from './hooks';
import { roleLabel, roleTone, type OrganizationChoice } from './labels';
import { ListResults, ListToolbar, RowAction, savedMessage, useFilter } from './list-view';
import { useDebounced } from './use-debounced';

export type UserPermissions = {
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  /** Superusers may see and change superusers and pick any organisation. */
  isSuperuser: boolean;
};

type Props = {
  initial: Initial<UserListFilters, UserDto[]>;
  permissions: UserPermissions;
  /** Roles the caller may hand out, highest first. */
  grantableRoles: string[];
  organizations: OrganizationChoice[];
  currentUserId: number | null;
  passwordMinLength: number;
};

export function UsersManager(props: Props) {
  return (
    <ToastProvider>
      <UsersView {...props} />
    </ToastProvider>
  );
}

function UsersView({ initial, permissions, grantableRoles, organizations, currentUserId, passwordMinLength }: Props) {
  const notify = useToast();
  const [page, setPage] = useState(initial.filters.page);
  const toFirstPage = () => setPage(1);
  const [search, setSearch] = useFilter(initial.filters.q ?? '', toFirstPage);
  const [role, setRole] = useFilter(initial.filters.role ?? '', toFirstPage);
  const [organizationId, setOrganizationId] = useFilter(initial.filters.organization_id ? String(initial.filters.organization_id) : '', toFirstPage);
  const q = useDebounced(search.trim());
  const perPage = initial.filters.per_page;
  const filters: UserListFilters = {
    q: q || undefined,
    role: role || undefined,
    organization_id: organizationId ? Number(organizationId) : undefined,
    page,
    per_page: perPage,
  };
  const query = useUsersQuery(filters, initial);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [deleting, setDeleting] = useState<UserDto | null>(null);
  const deleteMutation = useDeleteUserMutation();

  const rows = query.data?.data ?? [];
  const filtered = Boolean(q || role || organizationId);
  const mayChange = (u: UserDto) => permissions.isSuperuser || u.role !== 'superuser';

  const confirmDelete = () => {
    if (!deleting) return;
    deleteMutation.mutate(deleting.id, {
      onSuccess: (user) => {
        notify(`${user.name} was deleted and signed out.`);
        setDeleting(null);
        // Deleting the last row of a page should not leave an empty page behind.
        if (rows.length === 1 && page > 1) setPage(page - 1);
      },
    });
  };

  return (
    <>
      <ListToolbar search gap="gap-3" createLabel={permissions.canCreate ? 'Add user' : undefined} onCreate={() => setCreating(true)}>
        <TextField
          label="Search users"
          type="search"
          placeholder="Name or e-mail"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-full sm:w-64"
        />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)} className="w-full sm:w-48">
          <option value="">All roles</option>
          <RoleOptions roles={grantableRoles} />
        </SelectField>
        {permissions.isSuperuser && (
          <OrganizationFilter organizations={organizations} value={organizationId} onChange={setOrganizationId} className="w-full sm:w-56" />
        )}
      </ListToolbar>

      <ListResults
        query={query}
        noun="users"
        label="Users"
        page={page}
        perPage={perPage}
        onPageChange={setPage}
        empty={
          <EmptyState title={filtered ? 'No users match these filters' : 'No users yet'}>
            {filtered ? 'Try another search or role.' : permissions.canCreate ? 'Add the first user with “Add user”.' : null}
          </EmptyState>
        }
      >
        <THead>
          <Th>Name</Th>
          <Th>E-mail</Th>
          <Th>Role</Th>
          {permissions.isSuperuser && <Th>Organisation</Th>}
          <Th>Status</Th>
          <Th>Last sign-in</Th>
          {(permissions.canUpdate || permissions.canDelete) && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </THead>
        <TBody>
          {rows.map((u) => {
            const self = u.id === currentUserId;
            return (
              <tr key={u.id}>
                <Td className="min-w-40 font-medium text-slate-900">
                  {u.name}
                  {self && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
                </Td>
                <Td className="text-slate-700">{u.email}</Td>
                <Td>
                  <Badge tone={roleTone[u.role]} mark={false}>
                    {roleLabel(u.role)}
                  </Badge>
                </Td>
                {permissions.isSuperuser && <Td className="whitespace-nowrap">{u.organization.name}</Td>}
                <Td>{u.is_active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Inactive</Badge>}</Td>
                <Td>
                  <DateTime value={u.last_login} fallback="Never" />
                </Td>
                {(permissions.canUpdate || permissions.canDelete) && (
                  <Td className="text-right">
                    {mayChange(u) && (
                      <div className="flex justify-end gap-2">
                        {permissions.canUpdate && <RowAction action="Edit" name={u.name} onClick={() => setEditing(u)} />}
                        {permissions.canDelete && !self && (
                          <RowAction
                            action="Delete"
                            name={u.name}
                            danger
                            onClick={() => {
                              deleteMutation.reset();
                              setDeleting(u);
                            }}
                          />
                        )}
                      </div>
                    )}
                  </Td>
                )}
              </tr>
            );
          })}
        </TBody>
      </ListResults>

      <Dialog open={creating} onClose={() => setCreating(false)} title="Add user" size="lg">
        <CreateUserForm
          roles={grantableRoles}
          organizations={organizations}
          canChooseOrganization={permissions.isSuperuser}
          passwordMinLength={passwordMinLength}
          onCancel={() => setCreating(false)}
          onDone={(user) => {
            setCreating(false);
            notify(`${user.name} was added as ${roleLabel(user.role)}.`);
          }}
        />
      </Dialog>

      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit ${editing.name}` : 'Edit user'} size="lg">
        {editing && (
          <EditUserForm
            user={editing}
            roles={grantableRoles}
            self={editing.id === currentUserId}
            passwordMinLength={passwordMinLength}
            onCancel={() => setEditing(null)}
            onDone={(user, changed) => {
              setEditing(null);
              notify(...savedMessage(user.name, changed));
            }}
          />
        )}
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete user?'}
        confirmLabel="Delete user"
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
        pending={deleteMutation.isPending}
        error={deleteMutation.error?.message}
      >
        {deleting && (
          <>
            <p>
              <strong>{deleting.name}</strong> ({deleting.email}) will no longer be able to sign in, and every session they have open ends
              now.
            </p>
            <p>The account is kept for the retention period for the record, then removed for good.</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}

const createFields = ['name', 'email', 'password', 'role', 'organization_id'] as const;

function CreateUserForm({
  roles,
  organizations,
  canChooseOrganization,
  passwordMinLength,
  onCancel,
  onDone,
}: {
  roles: string[];
  organizations: OrganizationChoice[];
  canChooseOrganization: boolean;
  passwordMinLength: number;
  onCancel: () => void;
  onDone: (user: UserDto) => void;
}) {
  const mutation = useCreateUserMutation();
  const home = organizations.find((o) => o.is_home);
  const [role, setRole] = useState(roles.includes('viewer') ? 'viewer' : (roles[roles.length - 1] ?? 'viewer'));
  const [organizationId, setOrganizationId] = useState(String(organizations[0]?.id ?? ''));
  const superuser = role === 'superuser';
  const effectiveOrganization = superuser && home ? String(home.id) : organizationId;

  const submit = (form: FormData) => {
    mutation.mutate(
      {
        name: String(form.get('name') ?? ''),
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        role,
        ...(canChooseOrganization && effectiveOrganization ? { organization_id: Number(effectiveOrganization) } : {}),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <DialogForm onSubmit={submit} mutation={mutation} fields={createFields} columns submitLabel="Add user" onCancel={onCancel}>
      <TextField label="Name" name="name" required autoComplete="off" maxLength={200} error={fieldError(mutation.error, 'name')} data-autofocus />
      <TextField label="E-mail" name="email" type="email" required autoComplete="off" error={fieldError(mutation.error, 'email')} />
      <TextField
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        minLength={passwordMinLength}
        hint={`At least ${passwordMinLength} characters. Share it with the user safely; they can change it later.`}
        error={fieldError(mutation.error, 'password')}
      />
      <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value)} error={fieldError(mutation.error, 'role')}>
        <RoleOptions roles={roles} />
      </SelectField>
      {canChooseOrganization && (
        <SelectField
          label="Organisation"
          name="organization_id"
          value={effectiveOrganization}
          onChange={(e) => setOrganizationId(e.target.value)}
          disabled={superuser}
          hint={superuser ? 'Superusers always belong to the home organisation.' : undefined}
          error={fieldError(mutation.error, 'organization_id')}
          className="sm:col-span-2"
        >
          <OrganizationOptions organizations={organizations} markHome />
        </SelectField>
      )}
    </DialogForm>
  );
}

const editFields = ['name', 'email', 'password', 'role', 'is_active'] as const;

function EditUserForm({
  user,
  roles,
  self,
  passwordMinLength,
  onCancel,
  onDone,
}: {
  user: UserDto;
  roles: string[];
  self: boolean;
  passwordMinLength: number;
  onCancel: () => void;
  onDone: (user: UserDto, changed: boolean) => void;
}) {
  const mutation = useUpdateUserMutation();
  const roleOptions = roles.includes(user.role) ? roles : [user.role, ...roles];

  const submit = (form: FormData) => {
    const input: UserUpdateInput = {};
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (name !== user.name) input.name = name;
    if (email.toLowerCase() !== user.email) input.email = email;
    if (password) input.password = password;
    if (!self) {
      const role = String(form.get('role') ?? user.role);
      const active = form.get('is_active') === 'on';
      if (role !== user.role) input.role = role;
      if (active !== user.is_active) input.is_active = active;
    }
    if (Object.keys(input).length === 0) {
      onDone(user, false);
      return;
    }
    mutation.mutate({ id: user.id, input }, { onSuccess: (updated) => onDone(updated, true) });
  };

  return (
    <DialogForm onSubmit={submit} mutation={mutation} fields={editFields} columns submitLabel="Save changes" onCancel={onCancel}>
      <TextField
        label="Name"
        name="name"
        required
        defaultValue={user.name}
        maxLength={200}
        error={fieldError(mutation.error, 'name')}
        data-autofocus
      />
      <TextField label="E-mail" name="email" type="email" required defaultValue={user.email} error={fieldError(mutation.error, 'email')} />
      <SelectField
        label="Role"
        name="role"
        defaultValue={user.role}
        disabled={self}
        hint={self ? 'You cannot change your own role.' : undefined}
        error={fieldError(mutation.error, 'role')}
      >
        <RoleOptions roles={roleOptions} />
      </SelectField>
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={passwordMinLength}
        hint={`Leave blank to keep the current password. At least ${passwordMinLength} characters; setting one signs the user out everywhere.`}
        error={fieldError(mutation.error, 'password')}
      />
      <CheckboxField
        label="Active (may sign in)"
        name="is_active"
        defaultChecked={user.is_active}
        disabled={self}
        hint={self ? 'You cannot deactivate yourself.' : 'Deactivating signs the user out everywhere.'}
        error={fieldError(mutation.error, 'is_active')}
        className="sm:col-span-2"
      />
    </DialogForm>
  );
}
