import type { Db } from '@/db';
import { latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import {
  countNotAssessed,
  deficiencyCounts,
  listAssessments,
  loadAssessmentDevices,
  readinessByOrganization,
  readinessCounts,
  replaceAssessments,
  type AssessmentDevice,
  type AssessmentWrite,
} from '@/db/queries/inventory/windows11';
import type { Windows11OutcomeColumn } from '@/db/types-domain/windows11';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import type { DeviceType } from '../model/device-classes';
import { VENDORS } from '../vendors';
import { assessmentDto } from '../dto';
import { assessWindows11 } from './model/rules';
import { cachedInventoryRead } from '../cached';

// The Windows 11 24H2 assessment of the latest NinjaOne snapshot (the job),
// and the readiness reads behind seed 000's /api/windows-11-24h2/… and the
// readiness pages. The rules themselves live in model/rules.ts.

const PAGE = 2000;
const GIB = 1024 ** 3;

const gib = (bytes: number | null, digits = 1) => (bytes && bytes > 0 ? Math.round((bytes / GIB) * 10 ** digits) / 10 ** digits : null);

function toWrite(device: AssessmentDevice, date: string, at: Date): AssessmentWrite {
  const type = device.device_type_name;
  const assessment = assessWindows11({
    osName: device.os_name,
    osReleaseId: device.os_release_id,
    osBuild: device.os_build,
    osArchitecture: device.os_architecture,
    deviceType: type === 'server' || type === 'workstation' || type === 'unknown' ? (type as DeviceType) : null,
    cpuName: device.cpu_model,
    systemModel: device.system_model,
    memoryBytes: device.memory_bytes === null ? null : Number(device.memory_bytes),
    systemDriveBytes: device.system_drive_bytes === null ? null : Number(device.system_drive_bytes),
    tpmPresent: device.has_tpm,
    tpmEnabled: device.tpm_enabled,
    tpmVersion: device.tpm_version,
    secureBootCapable: device.secure_boot_available,
    secureBootEnabled: device.secure_boot_enabled,
  });
  const hardware = {
    os_architecture: device.os_architecture,
    os_build: device.os_build,
    os_release_id: device.os_release_id,
    cpu_model: device.cpu_model,
    system_model: device.system_model,
    memory_gib: gib(device.memory_bytes === null ? null : Number(device.memory_bytes)),
    system_drive_gib: gib(device.system_drive_bytes === null ? null : Number(device.system_drive_bytes), 0),
    has_tpm: device.has_tpm,
    tpm_enabled: device.tpm_enabled,
    tpm_version: device.tpm_version,
    secure_boot_available: device.secure_boot_available,
    secure_boot_enabled: device.secure_boot_enabled,
  };
  return {
    device_identity_id: device.device_identity_id,
    snapshot_date: date,
    organization_id: device.organization_id,
    vendor_organization_name: device.organization_name,
    hostname: device.hostname,
    display_name: device.display_name,
    location_name: device.location_name,
    device_type: device.device_type_name,
    os_name: device.os_name,
    outcome: assessment.outcome,
    excluded_reason: assessment.excluded_reason,
    deficiencies: JSON.stringify(assessment.deficiencies),
    passed_requirements: JSON.stringify(assessment.passed_requirements),
    cpu: JSON.stringify(assessment.cpu),
    hardware: JSON.stringify(hardware),
    assessed_at: at,
  };
}

export interface AssessmentRunResult {
  snapshot_date: string | null;
  assessed: number;
  counts: Record<Windows11OutcomeColumn, number>;
}

/** Assesses every device of the latest NinjaOne snapshot and replaces the stored results. */
export async function runWindows11Assessment(db: Db, options: { progress?: (percent: number, message?: string) => Promise<void>; now?: Date } = {}): Promise<AssessmentRunResult> {
  const counts: Record<Windows11OutcomeColumn, number> = { compatible: 0, remediable: 0, incompatible: 0, unknown: 0, excluded: 0 };
  const date = await latestSnapshotDate(db, VENDORS.ninja.id);
  if (!date) return { snapshot_date: null, assessed: 0, counts };
  const at = options.now ?? new Date();
  const rows: AssessmentWrite[] = [];
  for (let after = 0; ; ) {
    const devices = await loadAssessmentDevices(db, VENDORS.ninja.id, date, after, PAGE);
    for (const device of devices) {
      const row = toWrite(device, date, at);
      counts[row.outcome] += 1;
      rows.push(row);
    }
    if (devices.length < PAGE) break;
    after = devices[devices.length - 1]!.id;
    await options.progress?.(10 + Math.min(70, rows.length / 1000), `Assessed ${rows.length} devices`);
  }
  await options.progress?.(85, `Saving ${rows.length} assessments`);
  await replaceAssessments(db, rows);
  return { snapshot_date: date, assessed: rows.length, counts };
}

// --- Reads -------------------------------------------------------------------

export interface ReadinessSummary {
  total_windows: number;
  total_compatible: number;
  already_compatible: number;
  compatible_for_upgrade: number;
  remediable: number;
  incompatible: number;
  unknown: number;
  not_assessed: number;
  excluded: { servers: number; not_windows: number };
  compatibility_rate: number;
  readiness_rate: number;
  snapshot_date: string | null;
  last_assessment: string | null;
}

function summarise(counts: Awaited<ReturnType<typeof readinessCounts>>, notAssessed: number): ReadinessSummary {
  const n = (outcome: string, reason?: string) => counts.filter((c) => c.outcome === outcome && (reason === undefined || c.excluded_reason === reason)).reduce((s, c) => s + c.n, 0);
  const already = n('excluded', 'already_24h2_or_newer');
  const compatible = n('compatible');
  const remediable = n('remediable');
  const incompatible = n('incompatible');
  const unknown = n('unknown');
  const totalWindows = already + compatible + remediable + incompatible + unknown + notAssessed;
  const rate = (part: number) => (totalWindows === 0 ? 0 : Math.round((part / totalWindows) * 1000) / 10);
  const last = counts.reduce<Date | null>((m, c) => (c.last && (!m || c.last > m) ? c.last : m), null);
  return {
    total_windows: totalWindows,
    total_compatible: already + compatible,
    already_compatible: already,
    compatible_for_upgrade: compatible,
    remediable,
    incompatible,
    unknown,
    not_assessed: notAssessed,
    excluded: { servers: n('excluded', 'server'), not_windows: n('excluded', 'not_windows') },
    compatibility_rate: rate(already + compatible),
    // Ready once the settings a technician can change are fixed.
    readiness_rate: rate(already + compatible + remediable),
    snapshot_date: counts.reduce<string | null>((m, c) => (c.snapshot_date && (!m || c.snapshot_date > m) ? c.snapshot_date : m), null),
    last_assessment: last ? new Date(last).toISOString() : null,
  };
}

export async function windows11Status(ctx: RequestContext, filter: { organizationId?: number } = {}): Promise<ReadinessSummary> {
  authorize(ctx.actor, 'inventory:read');
  const scope = scopeOf(ctx.actor);
  return cachedInventoryRead(ctx, 'windows11-status', [filter.organizationId ?? null], async () => {
    const counts = await readinessCounts(ctx.db, scope, filter);
    const latest = await latestSnapshotDate(ctx.db, VENDORS.ninja.id);
    return summarise(counts, await countNotAssessed(ctx.db, scope, VENDORS.ninja.id, latest, filter));
  });
}

export const NOT_READY_OUTCOMES = ['incompatible', 'remediable', 'unknown'] as const;
export type NotReadyOutcome = (typeof NOT_READY_OUTCOMES)[number];

export interface DeviceListInput {
  organizationId?: number;
  outcomes?: readonly NotReadyOutcome[];
  limit: number;
  offset: number;
}

/** Devices that cannot take 24H2 as they are: incompatible, remediable, or missing data (by default all three). */
export async function windows11NotReady(ctx: RequestContext, input: DeviceListInput) {
  authorize(ctx.actor, 'inventory:read');
  const outcomes = input.outcomes && input.outcomes.length > 0 ? input.outcomes : NOT_READY_OUTCOMES;
  return cachedInventoryRead(ctx, 'windows11-not-ready', [input.organizationId ?? null, outcomes, input.limit, input.offset], async () => {
    const { rows, total } = await listAssessments(ctx.db, scopeOf(ctx.actor), { outcomes, organizationId: input.organizationId, limit: input.limit, offset: input.offset });
    return { outcomes: [...outcomes], total_count: total, devices: rows.map(assessmentDto) };
  });
}

/** Devices ready for 24H2: compatible for the upgrade, or already on it. */
export async function windows11Compatible(ctx: RequestContext, input: Omit<DeviceListInput, 'outcomes'>) {
  authorize(ctx.actor, 'inventory:read');
  const { rows, total } = await listAssessments(ctx.db, scopeOf(ctx.actor), { outcomes: ['compatible'], alreadyOn24H2: true, organizationId: input.organizationId, limit: input.limit, offset: input.offset });
  return { total_count: total, devices: rows.map(assessmentDto) };
}

/** Readiness per organisation, with the most common reasons, for the readiness page. */
export async function windows11ByOrganization(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  const scope = scopeOf(ctx.actor);
  const rows = await readinessByOrganization(ctx.db, scope);
  const byOrg = new Map<string, { organization_id: number | null; organization: string; rows: typeof rows }>();
  for (const r of rows) {
    const key = `${r.organization_id ?? ''}|${r.organization}`;
    const entry = byOrg.get(key) ?? { organization_id: r.organization_id, organization: r.organization, rows: [] };
    entry.rows.push(r);
    byOrg.set(key, entry);
  }
  const organizations = [...byOrg.values()]
    .map((o) => ({ organization_id: o.organization_id, organization: o.organization, ...summarise(o.rows.map((r) => ({ ...r, last: null, snapshot_date: null })), 0) }))
    .sort((a, b) => a.organization.localeCompare(b.organization));
  return { organizations, reasons: await deficiencyCounts(ctx.db, scope) };
}
