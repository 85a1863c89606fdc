import { z } from 'zod';
import { listAssessments, type AssessmentRow } from '@/db/queries/inventory/windows11';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { EXPORT_FORMATS, type ExportColumn, type ExportSpec } from '@/lib/exports/types';
import { assessmentDto, type AssessmentDto } from '../dto';
import { NOT_READY_OUTCOMES, windows11Status } from './assessment';
import type { Windows11Deficiency } from './model/rules';

// The readiness list as a download: every assessed Windows device (or only
// the ones not ready) with the failed requirements and what to do.

export const readinessExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  organization_id: z.coerce.number().int().positive().optional(),
  scope: z.enum(['all', 'not_ready']).default('all'),
});

const BATCH = 1000;
const REQUIREMENTS: Record<string, string> = {
  architecture: '64-bit',
  memory: 'Memory',
  storage: 'Storage',
  tpm: 'TPM',
  secure_boot: 'Secure Boot',
  processor: 'Processor',
  instruction_set: 'SSE4.2/POPCNT',
};

const reasons = (d: Windows11Deficiency[]) => d.map((x) => `${REQUIREMENTS[x.requirement] ?? x.requirement}: ${x.current_value ?? 'not reported'} (needs ${x.required_value})`).join('; ');
const remedies = (d: Windows11Deficiency[]) => [...new Set(d.map((x) => x.remediation))].join(' ');
const yesNo = (v: unknown) => (v === true ? 'Yes' : v === false ? 'No' : null);

type Row = AssessmentDto;

const columns: ExportColumn<Row>[] = [
  { header: 'Client', value: (r) => r.organization, width: 22 },
  { header: 'Hostname', value: (r) => r.hostname, width: 20 },
  { header: 'Display name', value: (r) => r.display_name, width: 22, pdf: false },
  { header: 'Location', value: (r) => r.location, width: 16, pdf: false },
  { header: 'OS', value: (r) => r.os_name, width: 24, pdf: false },
  { header: 'Status', value: (r) => r.status, width: 16 },
  { header: 'Failed requirements', value: (r) => reasons(r.deficiencies), width: 50 },
  { header: 'Remediation', value: (r) => remedies(r.deficiencies), width: 50, pdf: false },
  { header: 'Processor', value: (r) => (r.hardware.cpu_model as string | null) ?? null, width: 30, pdf: false },
  { header: 'Memory (GB)', value: (r) => (r.hardware.memory_gib as number | null) ?? null, type: 'number', width: 10, pdf: false },
  { header: 'System drive (GB)', value: (r) => (r.hardware.system_drive_gib as number | null) ?? null, type: 'number', width: 12, pdf: false },
  { header: 'TPM version', value: (r) => (r.hardware.tpm_version as string | null) ?? null, width: 12, pdf: false },
  { header: 'Secure Boot on', value: (r) => yesNo(r.hardware.secure_boot_enabled), width: 10, pdf: false },
  { header: 'Assessed at', value: (r) => new Date(r.assessed_at), type: 'datetime', width: 18, pdf: false },
];

async function* rowsOf(ctx: RequestContext, filter: Parameters<typeof listAssessments>[2]): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += BATCH) {
    const { rows } = await listAssessments(ctx.db, scopeOf(ctx.actor), { ...filter, limit: BATCH, offset });
    yield* rows.map((r: AssessmentRow) => assessmentDto(r));
    if (rows.length < BATCH) return;
  }
}

export async function windows11Export(ctx: RequestContext, input: z.infer<typeof readinessExportQuery>): Promise<{ spec: ExportSpec<Row>; filename: string }> {
  authorize(ctx.actor, 'inventory:read');
  const status = await windows11Status(ctx, { organizationId: input.organization_id });
  const notReady = input.scope === 'not_ready';
  const filter = notReady
    ? { outcomes: NOT_READY_OUTCOMES, organizationId: input.organization_id, limit: BATCH, offset: 0 }
    : { outcomes: ['compatible', ...NOT_READY_OUTCOMES] as const, alreadyOn24H2: true, organizationId: input.organization_id, limit: BATCH, offset: 0 };
  return {
    filename: `windows11-24h2-${notReady ? 'not-ready-' : ''}${status.snapshot_date ?? 'none'}`,
    spec: {
      title: `Windows 11 24H2 readiness${notReady ? ' – devices not ready' : ''}`,
      sheetName: 'Devices',
      columns,
      summary: [
        ['NinjaOne snapshot', status.snapshot_date ?? 'none yet'],
        ['Windows devices', status.total_windows],
        ['Already on 24H2 or newer', status.already_compatible],
        ['Compatible for the upgrade', status.compatible_for_upgrade],
        ['Remediable (settings to change)', status.remediable],
        ['Incompatible', status.incompatible],
        ['Needs review (data missing)', status.unknown],
        ['Not assessed yet', status.not_assessed],
        ['Compatibility rate (%)', status.compatibility_rate],
        ['Last assessment', status.last_assessment ?? 'never'],
      ],
      rows: rowsOf(ctx, filter),
    },
  };
}
