// React Query keys for the admin domain. Every key starts with ['admin', <entity>]
// so that a mutation can invalidate one entity (or everything) by prefix.

export type UserListFilters = { q?: string; role?: string; organization_id?: number; page: number; per_page: number };
export type OrganizationListFilters = { q?: string; include_deleted?: boolean; page: number; per_page: number };
export type ApiKeyListFilters = { include_revoked?: boolean; organization_id?: number; page: number; per_page: number };
export type AuditLogListFilters = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  status?: 'success' | 'failure';
  page: number;
  per_page: number;
};

export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  userList: (filters: UserListFilters) => [...adminKeys.users(), 'list', filters] as const,
  user: (id: number) => [...adminKeys.users(), 'detail', id] as const,
  organizations: () => [...adminKeys.all, 'organizations'] as const,
  organizationList: (filters: OrganizationListFilters) => [...adminKeys.organizations(), 'list', filters] as const,
  organization: (id: number) => [...adminKeys.organizations(), 'detail', id] as const,
  apiKeys: () => [...adminKeys.all, 'api-keys'] as const,
  apiKeyList: (filters: ApiKeyListFilters) => [...adminKeys.apiKeys(), 'list', filters] as const,
  auditLogs: () => [...adminKeys.all, 'audit-logs'] as const,
  auditLogList: (filters: AuditLogListFilters) => [...adminKeys.auditLogs(), 'list', filters] as const,
};

/** Drops empty values so that equal filters always make equal keys and query strings. */
export function compactFilters<T extends Record<string, unknown>>(filters: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    out[k] = v;
  }
  return out as T;
}
