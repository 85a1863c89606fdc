import type { ApiKeyRow } from '@/db/queries/admin/api-keys';
import type { AuditLogRow } from '@/db/queries/admin/audit-logs';
import type { OrganizationRow } from '@/db/queries/admin/organizations';
import type { UserRow } from '@/db/queries/admin/users';

// What the admin API and pages return: JSON-safe shapes (dates as ISO
// strings). Components import these types only.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toOrganizationDto(row: OrganizationRow) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    tax_id: row.tax_id,
    is_home: row.is_home,
    is_active: row.is_active,
    is_deleted: row.is_deleted,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    created_by: row.created_by,
    updated_by: row.updated_by,
    deleted_at: iso(row.deleted_at),
  };
}
export type OrganizationDto = ReturnType<typeof toOrganizationDto>;

export function toUserDto(row: UserRow) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    email: row.email,
    organization_id: row.organization_id,
    organization: { id: row.organization_id, name: row.organization_name },
    role: row.role as string,
    is_active: row.is_active,
    is_deleted: row.is_deleted,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_login: iso(row.last_login),
    notification_preferences: (row.notification_preferences ?? {}) as Record<string, unknown>,
  };
}
export type UserDto = ReturnType<typeof toUserDto>;

export function toApiKeyDto(row: ApiKeyRow) {
  return {
    id: row.id,
    uuid: row.uuid,
    name: row.name,
    prefix: row.prefix,
    organization_id: row.organization_id,
    organization_name: row.organization_name,
    role: row.role as string,
    site_id: row.site_id,
    site_name: row.site_name,
    created_by: row.created_by,
    created_at: row.created_at.toISOString(),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    is_revoked: row.revoked_at !== null,
  };
}
export type ApiKeyDto = ReturnType<typeof toApiKeyDto>;

export function toAuditLogDto(r: AuditLogRow) {
  return {
    id: r.id,
    organization_id: r.organization_id,
    site_id: r.site_id,
    actor_type: r.actor_type,
    actor_id: r.actor_id,
    actor: r.actor_label,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    status: r.status,
    before: r.before ?? null,
    after: r.after ?? null,
    data: r.data ?? null,
    request_id: r.request_id,
    ip: r.ip,
    created_at: r.created_at.toISOString(),
  };
}
export type AuditLogDto = ReturnType<typeof toAuditLogDto>;

/** An organisation in a picker. */
export type OrganizationChoice = { id: number; name: string; is_home: boolean };
/** A site a new API key may be bound to. */
export type SiteChoice = { id: number; name: string; organization_id: number };
