import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DrupalTables } from './types-domain/drupal';
import type { InventoryTables } from './types-domain/inventory';
import type { QbrTables } from './types-domain/qbr';
import type { Windows11Tables } from './types-domain/windows11';

// The database as the code sees it, kept by hand beside the migrations.

import type { CreatedAt, Json, JsonRequired, Timestamp } from './types-domain/columns';

export type Role = 'superuser' | 'org_admin' | 'developer' | 'viewer';
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface OrganizationsTable {
  id: Generated<number>;
  uuid: Generated<string>;
  name: string;
  tax_id: string | null;
  is_home: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: number | null;
  updated_by: number | null;
  is_active: Generated<boolean>;
  is_deleted: Generated<boolean>;
  deleted_at: Date | null;
}

export interface OrganizationRevisionsTable {
  id: Generated<number>;
  organization_id: number;
  created_by: number | null;
  created_at: CreatedAt;
  modified_by: number | null;
  modified_at: Timestamp;
  snapshot: JsonRequired;
}

export interface UsersTable {
  id: Generated<number>;
  uuid: Generated<string>;
  name: string;
  email: string;
  hashed_password: string;
  organization_id: number;
  role: Role;
  created_at: CreatedAt;
  updated_at: Timestamp;
  is_active: Generated<boolean>;
  is_deleted: Generated<boolean>;
  deleted_at: Date | null;
  last_login: Date | null;
  notification_preferences: Json;
}

export interface SitesTable {
  id: Generated<number>;
  uuid: Generated<string>;
  url: string;
  name: string;
  description: string | null;
  organization_id: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
  created_by: number | null;
  updated_by: number | null;
  is_active: Generated<boolean>;
  is_deleted: Generated<boolean>;
  deleted_at: Date | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  uuid: Generated<string>;
  name: string;
  prefix: string;
  key_hash: string;
  organization_id: number;
  role: Exclude<Role, 'superuser'>;
  site_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: number | null;
}

export interface AuthSessionsTable {
  id: Generated<string>;
  user_id: number;
  kind: 'browser' | 'api';
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Date | null;
  revoked_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface RefreshTokensTable {
  id: Generated<number>;
  session_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface AuditLogsTable {
  id: Generated<number>;
  organization_id: number | null;
  site_id: number | null;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  status: 'success' | 'failure';
  before: Json;
  after: Json;
  data: Json;
  request_id: string | null;
  ip: string | null;
  created_at: CreatedAt;
}

export interface JobBatchesTable {
  batch_id: string;
  status: JobStatus;
  priority: Generated<string>;
  started_at: Date | null;
  ended_at: Date | null;
  progress_percent: Generated<number>;
  message: string | null;
  error: string | null;
  duration_seconds: number | null;
  estimated_completion: Date | null;
  requested_by: string | null;
  options: Json;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface JobRunsTable {
  job_id: string;
  batch_id: string | null;
  job_name: string;
  status: JobStatus;
  started_at: Date | null;
  ended_at: Date | null;
  progress_percent: Generated<number>;
  message: string | null;
  error: string | null;
  duration_seconds: number | null;
  result: Json;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A batch that follows a run it did not start (the run's own batch is job_runs.batch_id). */
export interface JobBatchRunsTable {
  batch_id: string;
  job_id: string;
}

/** A queued run that starts when the runs it waits for have ended (lib/jobs/chain.ts). */
export interface JobRunWaitsTable {
  job_id: string;
  waits_for: JsonRequired;
  data: Json;
  send_options: Json;
  created_at: CreatedAt;
}

export interface AppSettingsTable {
  key: string;
  value: JsonRequired;
  updated_at: Timestamp;
}

/** A counter per table, raised by every statement that changes it (see the data_revisions migration). */
export interface DataRevisionsTable {
  table_name: string;
  revision: ColumnType<string, never, never>;
}

// Each domain declares its tables in db/types-domain/<domain>.ts; DB joins them.
export interface FoundationTables {
  app_settings: AppSettingsTable;
  data_revisions: DataRevisionsTable;
  organizations: OrganizationsTable;
  organization_revisions: OrganizationRevisionsTable;
  users: UsersTable;
  sites: SitesTable;
  api_keys: ApiKeysTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  audit_logs: AuditLogsTable;
  job_batches: JobBatchesTable;
  job_runs: JobRunsTable;
  job_batch_runs: JobBatchRunsTable;
  job_run_waits: JobRunWaitsTable;
}

export interface DB extends FoundationTables, DrupalTables, InventoryTables, QbrTables, Windows11Tables {}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Site = Selectable<SitesTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type AuditLog = Selectable<AuditLogsTable>;
export type JobBatch = Selectable<JobBatchesTable>;
export type JobRun = Selectable<JobRunsTable>;
