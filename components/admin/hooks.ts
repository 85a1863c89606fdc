'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiKeyDto, AuditLogDto, OrganizationDto, UserDto } from '@/lib/admin/dto';
import {
  adminKeys,
  compactFilters,
  type ApiKeyListFilters,
  type AuditLogListFilters,
  type OrganizationListFilters,
  type UserListFilters,
} from '@/components/admin/query-keys';
import { apiFetch } from '@/components/api-fetch';

// One hook per admin endpoint. Reads take the server's first page as
// initialData; writes go through the API and invalidate by key prefix.

export type Envelope<T> = {
  data: T;
  meta: { page: number; per_page: number; total: number };
  links: { self: string; next: string | null; prev: string | null };
};

function queryString(filters: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(compactFilters(filters))) params.set(k, String(v));
  return params.toString();
}

/** The server's first page applies only while the filters are the ones it rendered. */
export type Initial<F, T> = { filters: F; data: Envelope<T> };

function initialFor<F extends Record<string, unknown>, T>(initial: Initial<F, T> | undefined, filters: F) {
  if (!initial) return undefined;
  return JSON.stringify(compactFilters(initial.filters)) === JSON.stringify(compactFilters(filters)) ? initial.data : undefined;
}

/** Anything an admin change touches is also in the audit log. */
function invalidate(client: QueryClient, ...keys: (readonly unknown[])[]) {
  return Promise.all([...keys, adminKeys.auditLogs()].map((queryKey) => client.invalidateQueries({ queryKey })));
}

// ---- users ---------------------------------------------------------------

export type UserCreateInput = { name: string; email: string; password: string; role: string; organization_id?: number };
export type UserUpdateInput = Partial<{ name: string; email: string; password: string; role: string; is_active: boolean; organization_id: number }>;

export function useUsersQuery(filters: UserListFilters, initial?: Initial<UserListFilters, UserDto[]>) {
  const clean = compactFilters(filters);
  return useQuery({
    queryKey: adminKeys.userList(clean),
    queryFn: ({ signal }) => apiFetch<Envelope<UserDto[]>>(`/api/v1/users?${queryString(clean)}`, { signal }),
    initialData: initialFor(initial, clean),
    placeholderData: keepPreviousData,
  });
}

export function useUserQuery(id: number, initialData?: UserDto) {
  return useQuery({
    queryKey: adminKeys.user(id),
    queryFn: ({ signal }) => apiFetch<Envelope<UserDto>>(`/api/v1/users/${id}`, { signal }).then((e) => e.data),
    initialData,
  });
}

export function useCreateUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreateInput) => apiFetch<Envelope<UserDto>>('/api/v1/users/add', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess: () => invalidate(client, adminKeys.users()),
  });
}

export function useUpdateUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UserUpdateInput }) =>
      apiFetch<Envelope<UserDto>>(`/api/v1/users/update/${id}`, { method: 'PUT', json: input }).then((e) => e.data),
    onSuccess: (user) => {
      client.setQueryData(adminKeys.user(user.id), user);
      return invalidate(client, adminKeys.users());
    },
  });
}

export function useDeleteUserMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<Envelope<UserDto>>(`/api/v1/users/delete/${id}`, { method: 'DELETE' }).then((e) => e.data),
    onSuccess: (user) => {
      client.removeQueries({ queryKey: adminKeys.user(user.id) });
      return invalidate(client, adminKeys.users());
    },
  });
}

// ---- organisations -------------------------------------------------------

export type OrganizationInput = { name?: string; tax_id?: string | null; is_active?: boolean };
export type OrganizationDeleteResult = OrganizationDto & { users_deactivated: number; sites_deactivated: number; api_keys_revoked: number };

export function useOrganizationsQuery(filters: OrganizationListFilters, initial?: Initial<OrganizationListFilters, OrganizationDto[]>) {
  const clean = compactFilters(filters);
  return useQuery({
    queryKey: adminKeys.organizationList(clean),
    queryFn: ({ signal }) => apiFetch<Envelope<OrganizationDto[]>>(`/api/v1/organizations?${queryString(clean)}`, { signal }),
    initialData: initialFor(initial, clean),
    placeholderData: keepPreviousData,
  });
}

export function useOrganizationQuery(id: number, initialData?: OrganizationDto) {
  return useQuery({
    queryKey: adminKeys.organization(id),
    queryFn: ({ signal }) => apiFetch<Envelope<OrganizationDto>>(`/api/v1/organizations/${id}`, { signal }).then((e) => e.data),
    initialData,
  });
}

export function useCreateOrganizationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; tax_id?: string | null }) =>
      apiFetch<Envelope<OrganizationDto>>('/api/v1/organizations', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess: () => invalidate(client, adminKeys.organizations()),
  });
}

export function useUpdateOrganizationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: OrganizationInput }) =>
      apiFetch<Envelope<OrganizationDto>>(`/api/v1/organizations/${id}`, { method: 'PUT', json: input }).then((e) => e.data),
    onSuccess: (org) => {
      client.setQueryData(adminKeys.organization(org.id), org);
      // Users and keys show their organisation's name.
      return invalidate(client, adminKeys.organizations(), adminKeys.users(), adminKeys.apiKeys());
    },
  });
}

export function useDeleteOrganizationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiFetch<Envelope<OrganizationDeleteResult>>(`/api/v1/organizations/${id}`, { method: 'DELETE' }).then((e) => e.data),
    // The cascade deactivates users and revokes keys, so those lists change too.
    onSuccess: () => invalidate(client, adminKeys.organizations(), adminKeys.users(), adminKeys.apiKeys()),
  });
}

// ---- API keys ------------------------------------------------------------

export type ApiKeyCreateInput = { name: string; organization_id: number; role: string; site_id?: number | null };
export type CreatedApiKey = ApiKeyDto & { key: string };

export function useApiKeysQuery(filters: ApiKeyListFilters, initial?: Initial<ApiKeyListFilters, ApiKeyDto[]>) {
  const clean = compactFilters(filters);
  return useQuery({
    queryKey: adminKeys.apiKeyList(clean),
    queryFn: ({ signal }) => apiFetch<Envelope<ApiKeyDto[]>>(`/api/v1/api-keys?${queryString(clean)}`, { signal }),
    initialData: initialFor(initial, clean),
    placeholderData: keepPreviousData,
  });
}

export function useCreateApiKeyMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiKeyCreateInput) =>
      apiFetch<Envelope<CreatedApiKey>>('/api/v1/api-keys', { method: 'POST', json: input }).then((e) => e.data),
    onSuccess: () => invalidate(client, adminKeys.apiKeys()),
  });
}

/** Revokes at once in every cached list (rolled back if the server refuses). */
export function useRevokeApiKeyMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<Envelope<ApiKeyDto>>(`/api/v1/api-keys/${id}`, { method: 'DELETE' }).then((e) => e.data),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: adminKeys.apiKeys() });
      const previous = client.getQueriesData<Envelope<ApiKeyDto[]>>({ queryKey: adminKeys.apiKeys() });
      const now = new Date().toISOString();
      client.setQueriesData<Envelope<ApiKeyDto[]>>({ queryKey: adminKeys.apiKeys() }, (old) =>
        old ? { ...old, data: old.data.map((k) => (k.id === id ? { ...k, is_revoked: true, revoked_at: now } : k)) } : old,
      );
      return { previous };
    },
    onError: (_error, _id, context) => {
      for (const [key, data] of context?.previous ?? []) client.setQueryData(key, data);
    },
    onSettled: () => invalidate(client, adminKeys.apiKeys()),
  });
}

// ---- audit log -----------------------------------------------------------

export function useAuditLogsQuery(filters: AuditLogListFilters, initial?: Initial<AuditLogListFilters, AuditLogDto[]>) {
  const clean = compactFilters(filters);
  return useQuery({
    queryKey: adminKeys.auditLogList(clean),
    queryFn: ({ signal }) => apiFetch<Envelope<AuditLogDto[]>>(`/api/v1/audit-logs?${queryString(clean)}`, { signal }),
    initialData: initialFor(initial, clean),
    placeholderData: keepPreviousData,
  });
}
