import type { ColumnType, Generated } from 'kysely';
import type { Json } from './columns';

// Windows 11 24H2 readiness (see db/migrations/20261122130000_windows11.ts).

export type Windows11OutcomeColumn = 'compatible' | 'remediable' | 'incompatible' | 'unknown' | 'excluded';

export interface Windows11AssessmentsTable {
  id: Generated<number>;
  device_identity_id: number;
  /** date columns are read as 'YYYY-MM-DD' strings. */
  snapshot_date: ColumnType<string, string, string>;
  organization_id: number | null;
  vendor_organization_name: string | null;
  hostname: string | null;
  display_name: string | null;
  location_name: string | null;
  device_type: string | null;
  os_name: string | null;
  outcome: Windows11OutcomeColumn;
  excluded_reason: string | null;
  deficiencies: Json;
  passed_requirements: Json;
  cpu: Json;
  hardware: Json;
  assessed_at: ColumnType<Date, Date | string, Date | string>;
}

export interface Windows11Tables {
  windows11_assessments: Windows11AssessmentsTable;
}
