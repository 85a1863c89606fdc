// The admin slice: organisations, users, API keys and the audit log. What
// code outside the slice may use; the rest is its inside.

// Organisations
export {
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOwnOrganization,
  insertOrganization,
  listOrganizationChoicesFor,
  listOrganizationsFor,
  organizationCreateSchema,
  organizationUpdateSchema,
  updateOrganization,
} from './organizations';

// Users
export { createUser, deleteUser, getCurrentUser, getUser, listUsersFor, updateUser, userCreateSchema, userUpdateSchema } from './users';

// API keys
export { apiKeyCreateSchema, createApiKey, listApiKeysFor, listKeySiteChoicesFor, revokeApiKey } from './api-keys';

// The audit log
export { auditQuerySchema, listAuditLogsFor } from './audit-logs';
export type { AuditQuery } from './audit-logs';

// Accounts made at start-up (the home organisation, the administrator, demo accounts)
export { ensureAdmin, ensureHomeOrganization, ensureOrganizationNamed, ensureUser, hasOrganizations } from './bootstrap';

// Removing soft-deleted records after the retention period (a scheduled job)
export { purgeDeletedJob } from './jobs';

// What the API and pages return
export type { ApiKeyDto, AuditLogDto, OrganizationChoice, OrganizationDto, SiteChoice, UserDto } from './dto';
