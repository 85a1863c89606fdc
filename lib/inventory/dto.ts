import type { DeviceRecordRow } from '@/db/queries/inventory/devices';
import type { ExceptionRow } from '@/db/queries/inventory/exceptions';
import type { VendorOrganizationRow } from '@/db/queries/inventory/vendor-organizations';
import type { AssessmentRow } from '@/db/queries/inventory/windows11';
import type { Windows11Deficiency } from './windows11/model/rules';

// What the inventory's API and pages return, JSON-safe, and the mappers from
// rows to it. Components import these types only (import type).

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// --- Exceptions ---------------------------------------------------------------

/** The original's fields ({id, date_found, type, hostname, details, resolved}) plus the lifecycle. */
export function exceptionDto(row: ExceptionRow, options: { history?: boolean } = {}) {
  return {
    id: Number(row.id),
    date_found: row.date_found,
    type: row.type,
    hostname: row.hostname,
    details: row.details,
    resolved: row.resolved,
    status: row.status,
    variance_status: row.variance_status,
    first_seen_date: row.first_seen_date,
    last_seen_date: row.last_seen_date,
    resolved_date: iso(row.resolved_at),
    resolved_by: row.resolved_by,
    manually_updated_at: iso(row.manually_updated_at),
    manually_updated_by: row.manually_updated_by,
    update_type: row.update_type,
    old_value: row.old_value,
    new_value: row.new_value,
    notes: row.notes,
    organization_id: row.organization_id,
    organization_name: row.organization_name,
    version: row.version,
    updated_at: row.updated_at.toISOString(),
    ...(options.history ? { history: row.history } : {}),
  };
}
export type ExceptionDto = ReturnType<typeof exceptionDto>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Our organisation when mapped, else the vendor's name from the details, as the reports and exports show it. */
export function exceptionOrganization(row: Pick<ExceptionRow, 'type' | 'details' | 'organization_name'>): string {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const tlFirst = row.type === 'MISSING_NINJA' || row.type === 'DUPLICATE_TL';
  const vendorOrg = tlFirst ? (text(d.tl_org_name) ?? text(d.ninja_org_name)) : (text(d.ninja_org_name) ?? text(d.ninja_org) ?? text(d.tl_org_name) ?? text(d.tl_org));
  return row.organization_name ?? vendorOrg ?? 'Unknown';
}

// --- Devices ------------------------------------------------------------------

/** One vendor's record of a device in its latest snapshot. */
export function deviceDto(r: DeviceRecordRow) {
  return {
    id: Number(r.id),
    vendor_id: r.vendor_id,
    device_id: r.vendor_device_key,
    snapshot_date: r.snapshot_date,
    organization_id: r.organization_id,
    organization: r.organization ?? r.vendor_organization,
    hostname: r.hostname,
    hostname_key: r.hostname_key,
    display_name: r.display_name,
    serial_number: r.serial_number,
    os_name: r.os_name,
    device_status: r.device_status,
    location: r.location_name,
    device_type: r.device_type_name,
    billing_status: r.billable_status_name,
    last_seen: iso(r.last_online),
    security_mode: r.security_mode,
    agent_version: r.agent_version,
    computer_group: r.computer_group,
  };
}
export type DeviceDto = ReturnType<typeof deviceDto>;

/** One row of the exception work list: the API's exception, and each vendor's latest records of that device. */
export type ExceptionItem = ExceptionDto & { records: DeviceDto[] };
/** A page of the exception work list, as the page renders it and the API returns it. */
export type ExceptionListPage = { items: ExceptionItem[]; total: number };

// --- Vendor organisations -----------------------------------------------------

export function vendorOrganizationDto(r: VendorOrganizationRow) {
  return { ...r, confirmed_at: iso(r.confirmed_at), last_seen_at: r.last_seen_at.toISOString(), updated_at: r.updated_at.toISOString() };
}

// --- Windows 11 readiness -----------------------------------------------------

const READINESS_STATUS_LABELS: Record<string, string> = {
  compatible: 'Compatible for Upgrade',
  already: 'Already Compatible',
  remediable: 'Remediable',
  incompatible: 'Incompatible',
  unknown: 'Needs review',
  excluded: 'Excluded',
};

function readinessStatus(row: Pick<AssessmentRow, 'outcome' | 'excluded_reason'>): string {
  if (row.outcome === 'excluded' && row.excluded_reason === 'already_24h2_or_newer') return READINESS_STATUS_LABELS.already!;
  return READINESS_STATUS_LABELS[row.outcome] ?? row.outcome;
}

/** One assessed device as the lists return it. */
export function assessmentDto(row: AssessmentRow) {
  return {
    device_id: row.vendor_device_key,
    hostname: row.hostname,
    display_name: row.display_name,
    organization: row.organization ?? row.vendor_organization_name ?? 'Unmapped',
    organization_id: row.organization_id,
    location: row.location_name,
    device_type: row.device_type,
    os_name: row.os_name,
    outcome: row.outcome,
    status: readinessStatus(row),
    excluded_reason: row.excluded_reason,
    hardware: row.hardware as Record<string, unknown>,
    cpu: row.cpu as Record<string, unknown>,
    deficiencies: row.deficiencies as Windows11Deficiency[],
    passed_requirements: row.passed_requirements as string[],
    snapshot_date: row.snapshot_date,
    assessed_at: row.assessed_at.toISOString(),
  };
}
export type AssessmentDto = ReturnType<typeof assessmentDto>;
