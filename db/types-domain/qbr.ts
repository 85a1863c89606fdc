import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, JsonRequired, Timestamp } from './columns';

// Tables of the qbr domain (see db/migrations/20261122115000_qbr.ts).

export type QbrDataSource = 'collected' | 'manual' | 'quickbooks' | 'calculated';
export type QbrPeriodType = 'monthly' | 'quarterly';
export type QbrVendor = 'connectwise' | 'quickbooks';
export type ThresholdDirection = 'higher_is_better' | 'lower_is_better';

/** numeric columns arrive as strings and are written as strings (exact decimals). */
type Numeric = ColumnType<string, string, string>;
type NullableNumeric = ColumnType<string | null, string | null, string | null>;

export interface PeriodsTable {
  id: Generated<number>;
  period_type: QbrPeriodType;
  period_value: string;
  start_date: string;
  end_date: string;
  is_active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface MetricsMonthlyTable {
  id: Generated<number>;
  organization_id: number;
  period: string;
  metric_name: string;
  metric_value: Numeric;
  data_source: QbrDataSource;
  is_override: Generated<boolean>;
  notes: string | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MetricsQuarterlyTable {
  id: Generated<number>;
  organization_id: number;
  period: string;
  metric_name: string;
  metric_value: Numeric;
  data_source: Generated<QbrDataSource>;
  months_with_data: number;
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SmartnumbersTable {
  id: Generated<number>;
  organization_id: number;
  period: string;
  period_type: QbrPeriodType;
  kpi_name: string;
  kpi_value: NullableNumeric;
  calculation_method: string;
  data_source: Generated<QbrDataSource>;
  notes: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ThresholdsTable {
  id: Generated<number>;
  organization_id: number | null;
  metric_name: string;
  direction: ThresholdDirection;
  green_threshold: Numeric;
  yellow_threshold: Numeric;
  red_threshold: ColumnType<string, never, never>;
  notes: string | null;
  updated_by: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface QbrSettingsTable {
  key: string;
  value: JsonRequired;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface QbrAccountMappingsTable {
  id: Generated<number>;
  account_name: string;
  category: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface QbrVendorMappingsTable {
  id: Generated<number>;
  organization_id: number;
  vendor: QbrVendor;
  external_id: string;
  external_name: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface QbrVendorTokensTable {
  connection: string;
  seed_hash: string;
  encrypted_token: string;
  rotated_at: Timestamp;
}

export interface QbrTables {
  periods: PeriodsTable;
  metrics_monthly: MetricsMonthlyTable;
  metrics_quarterly: MetricsQuarterlyTable;
  smartnumbers: SmartnumbersTable;
  thresholds: ThresholdsTable;
  qbr_settings: QbrSettingsTable;
  qbr_account_mappings: QbrAccountMappingsTable;
  qbr_vendor_mappings: QbrVendorMappingsTable;
  qbr_vendor_tokens: QbrVendorTokensTable;
}
