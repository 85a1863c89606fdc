import type { ApiKeyRow } from '@/db/queries/admin/api-keys';
import type { AuditLogRow } from '@/db/queries/admin/audit-logs';
import type { OrganizationRow } from '@/db/queries/admin/organizations';
import type { UserRow } from '@/db/queries/admin/users';
import { iso, pick } from '@/lib/core/dto';

// What the admin API and pages return: JSON-safe shapes (dates as ISO
// strings). Components import these types only.

export function toOrganizationDto(row: OrganizationRow) {
  return {
    ...pick(row, ['id', 'uuid', 'name', 'tax_id', 'is_home', 'is_active', 'is_deleted', 'created_by', 'updated_by']),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    deleted_at: iso(row.deleted_at),
  };
}
export type OrganizationDto = ReturnType<typeof toOrganizationDto>;

export function toUserDto(row: UserRow) {
  return {
    ...pick(row, ['id', 'uuid', 'name', 'email', 'organization_id', 'is_active', 'is_deleted']),
    organization: { id: row.organization_id, name: row.organization_name },
    role: row.role as string,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_login: iso(row.last_login),
    notification_preferences: (row.notification_preferences ?? {}) as Record<string, unknown>,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

export function toApiKeyDto(row: ApiKeyRow) {
  return {
    ...pick(row, ['id', 'uuid', 'name', 'prefix', 'organization_id', 'organization_name', 'site_id', 'site_name', 'created_by']),
    role: row.role as string,
    created_at: row.created_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    is_revoked: row.revoked_at !== null,
  };
}
export type ApiKeyDto = ReturnType<typeof toApiKeyDto>;

export function toAuditLogDto(r: AuditLogRow) {
  return {
    ...pick(r, ['id', 'organization_id', 'site_id', 'actor_type', 'actor_id', 'action', 'entity_type', 'entity_id', 'status', 'request_id', 'ip']),
    actor: r.actor_label,
    before: r.before ?? null,
    after: r.after ?? null,
    data: r.data ?? null,
    created_at: r.created_at.toISOString(),
  };
}
export type AuditLogDto = ReturnType<typeof toAuditLogDto>;

/** An organisation in a picker. */
export type OrganizationChoice = { id: number; name: string; is_home: boolean };
/** A site a new API key may be bound to. */
export type SiteChoice = { id: number; name: string; organization_id: number };
