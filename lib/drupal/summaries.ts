import { z } from 'zod';
import {
  listModuleUpdates,
  listPatchItems,
  moduleUpdateCounts,
  patchSummary,
  patchTrends,
  type PatchSummaryFilters,
  type SummaryFilters,
} from '@/db/queries/drupal/summaries';
import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { paginationSchema, type Pagination } from '@/lib/http/pagination';
import { queryFlag } from '@/lib/http/schemas';
import {
  moduleUpdateDtoOf,
  patchItemDtoOf,
  patchSummaryDtoOf,
  patchTrendDtoOf,
  type ModuleUpdateDto,
  type PatchItemDto,
} from './dto';
import { downloadResponse, type Column } from './exports';
import { siteScopeOf } from './sites';

// Fleet summaries across sites: modules with updates, and patch runs with
// their lag. (Within lib, a "report" is what a site posts: its module list.)
// Served as GET /api/v1/reports/module-updates and /patch-run: JSON in the
// envelope, or the same rows as CSV or Excel (?format=csv|xlsx, every row, no paging).

const day = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));

const summaryFilters = {
  organization_id: z.coerce.number().int().positive().optional(),
  site_id: z.coerce.number().int().positive().optional(),
  project: z.string().regex(/^[a-z0-9_]{1,128}$/).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
};

export const moduleUpdatesQuery = paginationSchema.extend({ ...summaryFilters, security_only: queryFlag });
export const patchRunSummaryQuery = paginationSchema.extend({
  ...summaryFilters,
  period: z.enum(['week', 'month']).default('week'),
  from: day.optional(),
  to: day.optional(),
});

export async function moduleUpdatesSummary(ctx: RequestContext, filters: SummaryFilters & { security_only?: boolean }, page: Pagination) {
  authorize(ctx.actor, 'site:read');
  const scope = siteScopeOf(ctx.actor);
  const counts = await moduleUpdateCounts(ctx.db, scope, filters);
  const rows = (await listModuleUpdates(ctx.db, scope, filters, page)).map(moduleUpdateDtoOf);
  return { counts, rows, total: counts.rows };
}

export async function moduleUpdatesDownload(ctx: RequestContext, filters: SummaryFilters & { security_only?: boolean }, format: 'csv' | 'xlsx') {
  authorize(ctx.actor, 'site:read');
  const rows = (await listModuleUpdates(ctx.db, siteScopeOf(ctx.actor), filters, null)).map(moduleUpdateDtoOf);
  return downloadResponse(format, 'module-updates', MODULE_UPDATE_COLUMNS, rows);
}

/** Year to date, in UTC. */
function yearStart(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
}

export async function patchRunSummary(ctx: RequestContext, filters: PatchSummaryFilters, period: 'week' | 'month', page: Pagination) {
  authorize(ctx.actor, 'site:read');
  const scope = siteScopeOf(ctx.actor);
  const [summary, ytd, trends, rows] = [
    patchSummaryDtoOf(await patchSummary(ctx.db, scope, filters)),
    patchSummaryDtoOf(await patchSummary(ctx.db, scope, { ...filters, from: yearStart(), to: undefined })),
    (await patchTrends(ctx.db, scope, filters, period)).map(patchTrendDtoOf),
    (await listPatchItems(ctx.db, scope, filters, page)).map(patchItemDtoOf),
  ];
  return { summary, ytd, period, trends, rows, total: summary.updates };
}

export async function patchRunDownload(ctx: RequestContext, filters: PatchSummaryFilters, format: 'csv' | 'xlsx') {
  authorize(ctx.actor, 'site:read');
  const rows = (await listPatchItems(ctx.db, siteScopeOf(ctx.actor), filters, null)).map(patchItemDtoOf);
  return downloadResponse(format, 'patch-runs', PATCH_ITEM_COLUMNS, rows);
}

const MODULE_UPDATE_COLUMNS: Column<ModuleUpdateDto>[] = [
  { header: 'Organisation', type: 'text', width: 24, value: (r) => r.organization_name },
  { header: 'Site', type: 'text', width: 24, value: (r) => r.site_name },
  { header: 'Site URL', type: 'text', width: 32, value: (r) => r.site_url },
  { header: 'Project', type: 'text', width: 24, value: (r) => r.project },
  { header: 'Type', type: 'text', value: (r) => r.type },
  { header: 'Installed', type: 'text', value: (r) => r.installed_version },
  { header: 'Recommended', type: 'text', value: (r) => r.recommended_version },
  { header: 'Latest', type: 'text', value: (r) => r.latest_version },
  { header: 'Status', type: 'text', width: 26, value: (r) => r.status },
  { header: 'Security update', type: 'boolean', value: (r) => r.security_update },
  { header: 'Security releases', type: 'text', width: 24, value: (r) => r.security_releases.join(' ') },
  { header: 'Risk accepted', type: 'boolean', value: (r) => r.risk_accepted },
  { header: 'Risk accepted until', type: 'date', width: 18, value: (r) => r.accepted_risk_expires_at },
  { header: 'Last seen', type: 'date', width: 18, value: (r) => r.last_seen },
];

const PATCH_ITEM_COLUMNS: Column<PatchItemDto>[] = [
  { header: 'Organisation', type: 'text', width: 24, value: (r) => r.organization_name },
  { header: 'Site', type: 'text', width: 24, value: (r) => r.site_name },
  { header: 'Project', type: 'text', width: 24, value: (r) => r.project },
  { header: 'From', type: 'text', value: (r) => r.from_version },
  { header: 'To', type: 'text', value: (r) => r.to_version },
  { header: 'Released', type: 'date', width: 18, value: (r) => r.release_date },
  { header: 'Applied', type: 'date', width: 18, value: (r) => r.applied_at },
  { header: 'Lag (days)', type: 'number', value: (r) => r.lag_days },
  { header: 'Security', type: 'boolean', value: (r) => r.is_security },
  { header: 'Patch run', type: 'number', value: (r) => r.patch_run_id },
];
