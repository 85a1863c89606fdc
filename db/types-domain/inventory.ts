import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './columns';

// Tables of the inventory domain (see db/migrations/20261122100000_inventory.ts).

/** date columns are read as 'YYYY-MM-DD' strings. */
type DateColumn = ColumnType<string, string, string>;
/** numeric columns are read as strings. */
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type VarianceStatus = 'active' | 'manually_fixed' | 'collector_verified' | 'stale';
export type VendorOrganizationStatus = 'proposed' | 'confirmed' | 'ignored';

export interface VendorTable {
  id: number;
  name: string;
}

export interface LookupTable {
  id: number;
  code: string;
  name: string;
}

export interface VendorOrganizationsTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_org_id: string;
  vendor_org_name: string;
  organization_id: number | null;
  status: Generated<VendorOrganizationStatus>;
  proposed_organization_id: number | null;
  proposal_score: number | null;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  last_seen_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SiteTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_site_key: string;
  name: string;
  organization_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SiteAliasTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_site_key: string;
  name: string;
  canonical_name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DeviceIdentityTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_device_key: string;
  first_seen_date: DateColumn;
  last_seen_date: DateColumn;
}

export interface DeviceSnapshotTable {
  id: Generated<number>;
  snapshot_date: DateColumn;
  vendor_id: number;
  device_identity_id: number;
  site_id: number | null;
  device_type_id: number | null;
  billing_status_id: number | null;
  organization_id: number | null;
  vendor_organization_id: string | null;
  organization_name: string | null;
  hostname: string | null;
  hostname_key: Generated<string>;
  display_name: string | null;
  serial_number: string | null;
  os_name: string | null;
  device_status: string | null;
  location_name: string | null;
  device_type_name: string | null;
  billable_status_name: string | null;
  last_online: Date | null;
  agent_install_timestamp: Date | null;
  computer_group: string | null;
  security_mode: string | null;
  deny_count_1d: number | null;
  deny_count_3d: number | null;
  deny_count_7d: number | null;
  install_date: Date | null;
  is_locked_out: boolean | null;
  is_isolated: boolean | null;
  agent_version: string | null;
  has_checked_in: boolean | null;
  node_class: string | null;
  os_architecture: string | null;
  os_build: string | null;
  os_release_id: string | null;
  cpu_model: string | null;
  cpu_cores: number | null;
  cpu_logical_cores: number | null;
  cpu_max_clock_hz: number | null;
  system_manufacturer: string | null;
  system_model: string | null;
  memory_bytes: number | null;
  memory_gib: Numeric;
  system_drive_bytes: number | null;
  volumes: string | null;
  has_tpm: boolean | null;
  tpm_enabled: boolean | null;
  tpm_version: string | null;
  secure_boot_available: boolean | null;
  secure_boot_enabled: boolean | null;
  windows_11_24h2_capable: boolean | null;
  windows_11_24h2_deficiencies: Json;
  raw: Json;
  created_at: CreatedAt;
}

export interface ExceptionsTable {
  id: Generated<number>;
  type: string;
  hostname: string;
  details: Json;
  organization_id: number | null;
  date_found: ColumnType<string, string | undefined, string>;
  first_seen_date: DateColumn;
  last_seen_date: DateColumn;
  resolved: Generated<boolean>;
  status: ColumnType<'open' | 'resolved', never, never>;
  resolved_at: Date | null;
  resolved_by: string | null;
  manually_updated_at: Date | null;
  manually_updated_by: string | null;
  update_type: string | null;
  old_value: string | null;
  new_value: string | null;
  notes: string | null;
  variance_status: Generated<VarianceStatus>;
  history: Json;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ExceptionObservationsTable {
  exception_id: number;
  observed_date: DateColumn;
}

export interface VarianceChecksTable {
  check_date: DateColumn;
  ninja_snapshot_date: string | null;
  threatlocker_snapshot_date: string | null;
  counts: Json;
  data_quality: Json;
  checked_at: Timestamp;
}

interface CountsColumns {
  id: Generated<number>;
  vendor_id: number;
  organization_id: number | null;
  site_id: number | null;
  device_type_id: number | null;
  billing_status_id: number | null;
  cnt: number;
}

export interface DailyCountsTable extends CountsColumns {
  snapshot_date: DateColumn;
}

export interface MonthEndCountsTable extends CountsColumns {
  month_end_date: DateColumn;
}

export interface ChangeLogTable {
  id: Generated<number>;
  change_date: DateColumn;
  vendor_id: number;
  metric: string;
  previous_value: number | null;
  new_value: number;
  delta: number;
  details: Json;
  created_at: CreatedAt;
}

export interface InventoryTables {
  vendor: VendorTable;
  device_type: LookupTable;
  billing_status: LookupTable;
  vendor_organizations: VendorOrganizationsTable;
  site: SiteTable;
  site_alias: SiteAliasTable;
  device_identity: DeviceIdentityTable;
  device_snapshot: DeviceSnapshotTable;
  exceptions: ExceptionsTable;
  exception_observations: ExceptionObservationsTable;
  variance_checks: VarianceChecksTable;
  daily_counts: DailyCountsTable;
  month_end_counts: MonthEndCountsTable;
  change_log: ChangeLogTable;
}

// Row shapes the inventory queries take and return, beside the tables they
// come from (the domain in lib/inventory builds and reads them).

/** Columns of device_snapshot that the snapshot write fills itself (ids, the date, the tenant) or no longer uses. */
type SnapshotWriteColumns =
  | 'id'
  | 'snapshot_date'
  | 'vendor_id'
  | 'device_identity_id'
  | 'site_id'
  | 'device_type_id'
  | 'billing_status_id'
  | 'organization_id'
  | 'created_at'
  | 'windows_11_24h2_capable'
  | 'windows_11_24h2_deficiencies';

/** Rows travel to the database as one JSON document, so timestamps are ISO strings. */
type AsJson<T> = { [K in keyof T]: T[K] extends Date | null ? string | null : T[K] };

/**
 * One vendor record as a collector writes it: the stored device_snapshot
 * columns, plus the vendor's device and site keys, which the write resolves
 * to device_identity and site ids.
 */
export type SnapshotRow = AsJson<Omit<Selectable<DeviceSnapshotTable>, SnapshotWriteColumns>> & {
  vendor_device_key: string;
  site_key: string | null;
};

/** A stored snapshot row as the cross-vendor checks read it. */
export interface StoredDevice {
  vendor_device_key: string;
  hostname: string | null;
  display_name: string | null;
  serial_number: string | null;
  vendor_organization_id: string | null;
  organization_name: string | null;
  organization_id: number | null;
  /** The vendor organisation's mapping status (proposed, confirmed, ignored); null when unrecorded. */
  organization_status?: string | null;
  location_name: string | null;
  device_type_name: string | null;
  billable_status_name: string | null;
  device_status: string | null;
  last_online: Date | null;
}

/** An exception as the lifecycle planner reads it before a run. */
export interface StoredException {
  id: number;
  type: string;
  hostname: string;
  resolved: boolean;
  variance_status: VarianceStatus;
  resolved_at: Date | null;
  resolved_by: string | null;
  manually_updated_at: Date | null;
  last_seen_date: string;
}

/** An exception a run found, with the tenant it belongs to. */
export interface FoundException {
  type: string;
  hostname: string;
  details: unknown;
  organizationId: number | null;
}

/** One entry of exceptions.history. */
export interface HistoryEntry {
  at: string;
  date: string;
  from: VarianceStatus | null;
  to: VarianceStatus;
  resolved: boolean;
  by: string;
  reason: string;
}

/** A run's change to one stored exception. */
export interface ExceptionChange {
  id: number;
  /** Present when the exception was found today. */
  found: FoundException | null;
  last_seen_date: string;
  resolved: boolean;
  variance_status: VarianceStatus;
  resolved_at: string | null;
  resolved_by: string | null;
  /** Null when the lifecycle state did not change (only details may have). */
  history: HistoryEntry | null;
}
