import type { PatchRunRows } from '@/db/queries/drupal/patch-runs';
import type { ModuleVersionRow, SiteHistoryRow, SiteModuleRow } from '@/db/queries/drupal/site-modules';
import type { SiteRow } from '@/db/queries/drupal/sites';
import type { ModuleUpdateRow, PatchItemRow, PatchSummaryRow, PatchTrendRow } from '@/db/queries/drupal/summaries';
import type { ModuleReportStatus, StoredSecurityRelease } from '@/db/types-domain/drupal';
import { iso, pick } from '@/lib/core/dto';
import type { ReportFormat } from './model/report-parsers';

// What the Drupal API and pages return: JSON-safe shapes (dates as ISO
// strings), and the mappers from database rows to them. Client components
// import these types only.

export type { SiteModuleStatus } from '@/db/types-domain/drupal';
export type SecurityReleaseDto = StoredSecurityRelease;

/** Days to two decimals, as the summaries show them. */
function roundDays(value: number | string | null): number | null {
  if (value === null) return null;
  return Math.round(Number(value) * 100) / 100;
}

export function siteDtoOf(row: SiteRow) {
  return {
    ...pick(row, ['id', 'uuid', 'url', 'name', 'description', 'organization_id', 'organization_name', 'created_by', 'updated_by']),
    ...pick(row, ['is_active', 'is_deleted', 'core_version', 'module_count', 'security_updates', 'other_updates', 'accepted_risks', 'unchecked']),
    /** Reports accepted but not applied yet. */
    pending_reports: row.pending_reports,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    deleted_at: iso(row.deleted_at),
    last_report_at: iso(row.last_report_at),
  };
}
export type SiteDto = ReturnType<typeof siteDtoOf>;

export function siteModuleDtoOf(r: SiteModuleRow) {
  return {
    ...pick(r, ['id', 'site_id', 'module_id', 'module_name', 'title', 'drupal_link', 'current_version', 'type', 'enabled']),
    ...pick(r, ['status', 'status_reason', 'update_available', 'security_update', 'recommended_version', 'latest_version']),
    extensions: (r.extensions as string[] | null) ?? [],
    security_releases: (r.security_releases as SecurityReleaseDto[] | null) ?? [],
    verdict_at: iso(r.verdict_at),
    first_seen: r.first_seen.toISOString(),
    last_seen: r.last_seen.toISOString(),
    accepted_risk: r.accepted_risk_reason
      ? {
          reason: r.accepted_risk_reason,
          expires_at: iso(r.accepted_risk_expires_at),
          accepted_at: iso(r.accepted_risk_at),
          accepted_by: r.accepted_risk_by,
          active: Boolean(r.risk_accepted),
        }
      : null,
    release_data: { fetch_status: r.fetch_status ?? 'pending', fetched_at: iso(r.fetched_at), error: r.last_error },
  };
}
export type SiteModuleDto = ReturnType<typeof siteModuleDtoOf>;

/** One run of a module at one version on a site (the version timeline). */
export function siteHistoryDtoOf(r: SiteHistoryRow) {
  return { ...r, first_seen: r.first_seen.toISOString(), last_seen: r.last_seen.toISOString() };
}
export type SiteHistoryDto = ReturnType<typeof siteHistoryDtoOf>;

export function moduleVersionDtoOf(r: ModuleVersionRow) {
  return {
    ...pick(r, ['id', 'module_id', 'version_number', 'is_published', 'is_security_release', 'is_insecure', 'is_unsupported']),
    ...pick(r, ['core_compatibility', 'release_link']),
    release_date: iso(r.release_date),
    release_types: (r.release_types as string[] | null) ?? [],
    site_count: Number(r.site_count ?? 0),
  };
}
export type ModuleVersionDto = ReturnType<typeof moduleVersionDtoOf>;

/** Patch runs with their items, each run's own items grouped under it. */
export function patchRunDtosOf({ runs, items }: Pick<PatchRunRows, 'runs' | 'items'>) {
  return runs.map((run) => {
    const own = items.filter((i) => i.patch_run_id === run.id);
    return {
      id: run.id,
      site_id: run.site_id,
      run_date: run.run_date.toISOString(),
      notes: run.notes,
      source: run.source,
      created_by: run.created_by,
      created_at: run.created_at.toISOString(),
      update_count: own.length,
      security_update_count: own.filter((i) => i.is_security).length,
      items: own.map((i) => ({
        id: i.id,
        module_id: i.module_id,
        project: i.module_name,
        from_version: i.from_version,
        to_version: i.to_version,
        release_date: iso(i.release_date),
        applied_at: i.applied_at.toISOString(),
        lag_days: i.lag_seconds === null ? null : Math.round((i.lag_seconds / 86_400) * 10) / 10,
        is_security: i.is_security,
      })),
    };
  });
}
export type PatchRunDto = ReturnType<typeof patchRunDtosOf>[number];

export function moduleUpdateDtoOf(r: ModuleUpdateRow) {
  return {
    ...pick(r, ['organization_id', 'organization_name', 'site_id', 'site_name', 'site_url', 'module_id', 'project', 'drupal_link', 'type']),
    ...pick(r, ['recommended_version', 'latest_version', 'status', 'security_update', 'update_available', 'accepted_risk_reason']),
    installed_version: r.current_version,
    security_releases: ((r.security_releases as { version: string }[] | null) ?? []).map((s) => s.version),
    risk_accepted: Boolean(r.risk_accepted),
    accepted_risk_expires_at: iso(r.accepted_risk_expires_at),
    last_seen: r.last_seen.toISOString(),
  };
}
export type ModuleUpdateDto = ReturnType<typeof moduleUpdateDtoOf>;

export function patchItemDtoOf(r: PatchItemRow) {
  return {
    ...pick(r, ['id', 'patch_run_id', 'organization_name', 'site_id', 'site_name', 'project', 'from_version', 'to_version', 'is_security']),
    release_date: iso(r.release_date),
    applied_at: r.applied_at.toISOString(),
    lag_days: r.lag_seconds === null ? null : roundDays(r.lag_seconds / 86_400),
  };
}
export type PatchItemDto = ReturnType<typeof patchItemDtoOf>;

export function patchTrendDtoOf(r: PatchTrendRow) {
  return { ...r, median_lag_days: roundDays(r.median_lag_days), median_security_lag_days: roundDays(r.median_security_lag_days) };
}
export type PatchTrendDto = ReturnType<typeof patchTrendDtoOf>;

export function patchSummaryDtoOf(r: PatchSummaryRow) {
  return { ...r, median_lag_days: roundDays(r.median_lag_days), median_security_lag_days: roundDays(r.median_security_lag_days) };
}
export type PatchSummaryDto = ReturnType<typeof patchSummaryDtoOf>;

/** What POST /api/v1/sites/{site_id}/modules answers about a module report. */
export type AcceptedReport = {
  report_id: number;
  site_id: number;
  format: ReportFormat;
  status: ModuleReportStatus;
  received_at: string;
  duplicate: boolean;
  counts: ReportCounts;
  warnings: string[];
};

export type ReportCounts = {
  projects: number;
  core: number;
  modules: number;
  themes: number;
  custom: number;
  without_version: number;
  disabled: number;
};
