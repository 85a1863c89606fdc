// What the QBR API and pages return: JSON-safe shapes, and the mappers from
// rows to them. Components import these types only (import type).

import type { z } from 'zod';
import type { QbrOrganizationRow } from '@/db/queries/qbr/organizations';
import type { ThresholdRow } from '@/db/queries/qbr/thresholds';
import type { SourceMode } from '@/lib/vendors/source';
import type { ClientKpiKey } from './model/client-metrics';
import type { MetricOrigin, SmartNumberKey } from './model/smartnumbers';
import type { ThresholdColour, ThresholdDirection } from './model/thresholds';
import type { qbrConfigSchema } from './schemas';

// ---------------------------------------------------------------------------
// Organisations and thresholds
// ---------------------------------------------------------------------------

export type QbrOrganization = { id: number; name: string; is_home: boolean };
export const orgDto = (o: QbrOrganizationRow): QbrOrganization => ({ id: o.id, name: o.name, is_home: o.is_home });

export type ThresholdDto = { metric_name: string; organization_id: number | null; scope: 'organization' | 'global'; direction: ThresholdDirection; green: number; yellow: number; red: number; notes: string | null };

export const thresholdDto = (t: ThresholdRow): ThresholdDto => ({
  metric_name: t.metric_name,
  organization_id: t.organization_id,
  scope: t.organization_id === null ? 'global' : 'organization',
  direction: t.direction,
  green: t.green,
  yellow: t.yellow,
  red: t.red,
  notes: t.notes,
});

// ---------------------------------------------------------------------------
// Metrics and SmartNumbers (API)
// ---------------------------------------------------------------------------

export type MonthlyMetricDto = {
  period: string;
  metric_name: string;
  label: string;
  unit: string;
  metric_value: number;
  data_source: string;
  is_override: boolean;
  notes: string | null;
  updated_at: string;
};

export type SmartNumberDto = {
  key: SmartNumberKey;
  number: number;
  label: string;
  group: string;
  unit: string;
  formula: string;
  value: number | null;
  colour: ThresholdColour | null;
  threshold: ThresholdDto | null;
  notes: string | null;
};

// ---------------------------------------------------------------------------
// Freshness of the sources
// ---------------------------------------------------------------------------

export type SourceFreshness = {
  source: 'connectwise' | 'quickbooks' | 'metrics';
  job_name: string;
  mode: SourceMode | null;
  last_success_at: string | null;
  last_run_status: string | null;
  last_run_at: string | null;
  last_error: string | null;
  is_stale: boolean;
  reason: string | null;
};

export type QbrFreshness = { is_stale: boolean; sources: SourceFreshness[]; checked_at: string };

// ---------------------------------------------------------------------------
// The scorecard page
// ---------------------------------------------------------------------------

export type Comparison = { period: string; value: number | null };
export type ScoreCard = SmartNumberDto & { previous: Comparison; last_year: Comparison };
export type TrendPoint = { period: string } & { [K in SmartNumberKey]?: number | null };
export type InputRow = {
  metric_name: string;
  label: string;
  unit: string;
  values: { period: string; value: number | null; data_source: string | null; is_override: boolean; notes: string | null; alternatives: { data_source: string; value: number }[] }[];
};

export type QbrDashboard = {
  organization: QbrOrganization;
  organizations: QbrOrganization[];
  period: string;
  period_kind: 'month' | 'quarter';
  months: string[];
  cards: ScoreCard[];
  trend: TrendPoint[];
  inputs: InputRow[];
  freshness: QbrFreshness;
  has_data: boolean;
};

// ---------------------------------------------------------------------------
// The client meeting report
// ---------------------------------------------------------------------------

export type Windows11Readiness = { as_of: string | null; assessed: number; compatible: number; remediable: number; incompatible: number; unknown: number };
export type ThreatLockerCoverage = { open_missing: number; hostnames: string[] };
export type DrupalPosture = { sites: number; sites_with_security_updates: number; security_updates: number };
export type ClientPosture = { windows11: Windows11Readiness; threatlocker: ThreatLockerCoverage; drupal: DrupalPosture };

export type ClientKpiRow = { key: ClientKpiKey; label: string; unit: string; formula: string; value: number | null; previous: number | null; last_year: number | null; colour: ThresholdColour | null; threshold: ThresholdDto | null };
export type ClientMonthRow = { period: string; endpoints: number | null; seats: number | null; tickets: number | null; hours: number | null; sla_attainment_pct: number | null; avg_response_hours: number | null; revenue: number | null };

export type ClientReport = {
  organization: QbrOrganization;
  organizations: QbrOrganization[];
  period: string;
  period_kind: 'month' | 'quarter';
  previous_period: string;
  last_year_period: string;
  kpis: ClientKpiRow[];
  months: ClientMonthRow[];
  posture: ClientPosture;
  freshness: QbrFreshness;
  generated_at: string;
  has_data: boolean;
};

// ---------------------------------------------------------------------------
// Configuration and the settings page
// ---------------------------------------------------------------------------

export type QbrConfig = z.infer<typeof qbrConfigSchema>;

export type ThresholdSetting = {
  metric_name: string;
  label: string;
  unit: string;
  threshold: { direction: ThresholdDirection; green: number; yellow: number; scope: 'organization' | 'global'; notes: string | null } | null;
};
export type ManualMetricChoice = { key: string; label: string; origin: MetricOrigin; mayBeNegative: boolean };

export type QbrSettings = {
  organization: QbrOrganization;
  organizations: QbrOrganization[];
  thresholds: ThresholdSetting[];
  manual_metrics: ManualMetricChoice[];
  default_month: string;
  config: QbrConfig;
  account_categories: readonly string[];
};
