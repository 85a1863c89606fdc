import type { Generated } from 'kysely';
import type { CreatedAt, Json, JsonRequired, Timestamp } from './columns';

// Tables of the drupal domain (db/migrations/20261122114500_drupal.ts).

export type ReleaseFetchStatus = 'pending' | 'ok' | 'not_found' | 'error';
export type ModuleReportStatus = 'pending' | 'processed' | 'failed';
export type SiteModuleType = 'core' | 'module' | 'theme' | 'custom';

/** One drupal.org project as a site's module report lists it (lib/drupal/model/report-parsers.ts reads reports into these). */
export interface ReportEntry {
  project: string;
  /** drupal.org notation, or null when unknown or unreadable. */
  version: string | null;
  type: SiteModuleType;
  /** Extension machine names seen for the project, sorted; empty for composer.lock. */
  extensions: string[];
  /** Any extension enabled (composer.lock cannot tell, so always true there). */
  enabled: boolean;
}

/**
 * A site module's update status: what Drupal core's update module would say
 * (lib/drupal/model/update-status.ts maps core's constants to these names).
 */
export const SITE_MODULE_STATUSES = [
  'current',
  'update_available',
  'security_update_required',
  'not_supported',
  'revoked',
  'unknown',
  'not_fetched',
  'not_checked',
] as const;
export type SiteModuleStatus = (typeof SITE_MODULE_STATUSES)[number];

/** One entry of site_modules.security_releases (jsonb): a security release the site should move to. */
export type StoredSecurityRelease = { version: string; date: string | null; release_link: string | null; core_compatible: boolean | null };

export interface ModulesTable {
  id: Generated<number>;
  module_name: string;
  title: string | null;
  drupal_link: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ModuleVersionsTable {
  id: Generated<number>;
  module_id: number;
  version_number: string;
  release_date: Date | null;
  is_published: boolean | null;
  is_security_release: Generated<boolean>;
  is_insecure: Generated<boolean>;
  is_unsupported: Generated<boolean>;
  release_types: Json;
  core_compatibility: string | null;
  release_link: string | null;
  created_at: CreatedAt;
}

export interface ModuleReleaseCachesTable {
  module_id: number;
  fetch_status: Generated<ReleaseFetchStatus>;
  /** The parsed ReleaseHistory (lib/drupal/model/release-history.ts), or null. */
  history: Json;
  project_status: string | null;
  supported_branches: Json;
  fetched_at: Date | null;
  checked_at: Date | null;
  data_changed_at: Date | null;
  etag: string | null;
  last_modified: string | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  next_fetch_at: Timestamp;
}

export interface ModuleReportsTable {
  id: Generated<number>;
  site_id: number;
  organization_id: number;
  format: string;
  payload: JsonRequired;
  payload_sha256: string;
  idempotency_key: string | null;
  size_bytes: number;
  entry_count: number;
  warnings: Json;
  status: Generated<ModuleReportStatus>;
  received_at: CreatedAt;
  received_by: string;
  processed_at: Date | null;
  result: Json;
  error: string | null;
}

/** A site whose pending reports have an apply job queued (one per site). */
export interface DrupalApplyRequestsTable {
  site_id: number;
  requested_at: CreatedAt;
}

export interface SiteModulesTable {
  id: Generated<number>;
  site_id: number;
  module_id: number;
  current_version: string | null;
  current_version_id: number | null;
  type: SiteModuleType;
  enabled: Generated<boolean>;
  extensions: Json;
  status: Generated<SiteModuleStatus>;
  status_reason: string | null;
  update_available: Generated<boolean>;
  security_update: Generated<boolean>;
  recommended_version: string | null;
  latest_version: string | null;
  security_releases: Json;
  verdict_at: Date | null;
  first_seen: Timestamp;
  last_seen: Timestamp;
  removed_at: Date | null;
  accepted_risk_reason: string | null;
  accepted_risk_expires_at: Date | null;
  accepted_risk_by: number | null;
  accepted_risk_at: Date | null;
}

export interface SiteModuleHistoryTable {
  id: Generated<number>;
  site_id: number;
  module_id: number;
  version: string | null;
  previous_version: string | null;
  first_seen: Timestamp;
  last_seen: Timestamp;
  report_id: number | null;
}

export interface PatchRunsTable {
  id: Generated<number>;
  site_id: number;
  run_date: Timestamp;
  notes: string | null;
  source: 'manual' | 'history';
  created_by: string;
  created_at: CreatedAt;
}

export interface PatchRunItemsTable {
  id: Generated<number>;
  patch_run_id: number;
  site_id: number;
  module_id: number;
  from_version: string | null;
  to_version: string;
  release_date: Date | null;
  applied_at: Timestamp;
  lag_seconds: number | null;
  is_security: Generated<boolean>;
}

export interface DrupalNotificationsTable {
  id: Generated<number>;
  user_id: number;
  site_id: number;
  module_id: number;
  kind: 'security' | 'update';
  finding_key: string;
  installed_version: string | null;
  target_version: string | null;
  cadence: 'immediate' | 'daily' | 'weekly';
  mail_id: number | null;
  created_at: CreatedAt;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  category: string;
  status: 'stored' | 'sent' | 'failed';
  transport: 'smtp' | 'outbox';
  message_id: string | null;
  error: string | null;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface DrupalTables {
  modules: ModulesTable;
  module_versions: ModuleVersionsTable;
  module_release_caches: ModuleReleaseCachesTable;
  module_reports: ModuleReportsTable;
  drupal_apply_requests: DrupalApplyRequestsTable;
  site_modules: SiteModulesTable;
  site_module_history: SiteModuleHistoryTable;
  patch_runs: PatchRunsTable;
  patch_run_items: PatchRunItemsTable;
  drupal_notifications: DrupalNotificationsTable;
  mail_outbox: MailOutboxTable;
}
