export type { ApiKeyDto, OrganizationDto, UserDto } from '@/db/queries/admin';
export type { AuditLogDto } from '@/db/queries/audit';
