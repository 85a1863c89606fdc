import { z } from 'zod';
import { countExceptions, iterateExceptions, type ExceptionQuery } from '@/db/queries/inventory/exception-list';
import type { ExceptionRow } from '@/db/queries/inventory/exceptions';
import { getVarianceCheck, latestVarianceCheck } from '@/db/queries/inventory/reports';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import type { ExportColumn, ExportFormat, ExportSpec } from '@/lib/exports/types';
import { queryFlag } from '@/lib/http/schemas';
import { exceptionOrganization } from './dto';
import type { ExceptionListParams } from './export-filters';
import { EXCEPTION_TYPES } from './model/variance';
import { isIsoDate } from './vendors';

// Exports of the variance report (seed 000's /api/variances/export/…, with
// the original's columns) and of the exception work list with its filters.

/** The original's CSV and Excel columns, in its order. */
const fullColumns: ExportColumn<ExceptionRow>[] = [
  { header: 'ID', value: (r) => Number(r.id), type: 'number', width: 8 },
  { header: 'Date Found', value: (r) => r.date_found, type: 'date', width: 12 },
  { header: 'Type', value: (r) => r.type, width: 22 },
  { header: 'Hostname', value: (r) => r.hostname, width: 24 },
  { header: 'Resolved', value: (r) => (r.resolved ? 'Yes' : 'No'), width: 9 },
  { header: 'Resolved Date', value: (r) => r.resolved_at, type: 'datetime', width: 18 },
  { header: 'Resolved By', value: (r) => r.resolved_by, width: 22 },
  { header: 'Manually Updated At', value: (r) => r.manually_updated_at, type: 'datetime', width: 18 },
  { header: 'Manually Updated By', value: (r) => r.manually_updated_by, width: 22 },
  { header: 'Variance Status', value: (r) => r.variance_status, width: 18 },
  { header: 'Update Type', value: (r) => r.update_type, width: 14 },
  { header: 'Organization', value: (r) => exceptionOrganization(r), width: 24 },
  { header: 'Details', value: (r) => JSON.stringify(r.details ?? {}), width: 60 },
];

/** The original's PDF table: narrower, so that it fits a page. */
const pdfColumns: ExportColumn<ExceptionRow>[] = [
  { header: 'ID', value: (r) => Number(r.id), width: 6 },
  { header: 'Type', value: (r) => r.type, width: 18 },
  { header: 'Hostname', value: (r) => r.hostname, width: 22 },
  { header: 'Status', value: (r) => (r.resolved ? `Resolved (${r.variance_status})` : r.variance_status === 'active' ? 'Open' : `Open (${r.variance_status})`), width: 16 },
  { header: 'Organization', value: (r) => exceptionOrganization(r), width: 20 },
  { header: 'Last Seen', value: (r) => r.last_seen_date, width: 10 },
];

export const exceptionColumnsFor = (format: ExportFormat) => (format === 'pdf' ? pdfColumns : fullColumns);

async function summaryOf(ctx: RequestContext, query: Omit<ExceptionQuery, 'sort' | 'direction'>, lead: [string, string | number][]) {
  const counts = await countExceptions(ctx.db, scopeOf(ctx.actor), query);
  const total = counts.reduce((s, c) => s + c.n, 0);
  const unresolved = counts.filter((c) => !c.resolved).reduce((s, c) => s + c.n, 0);
  const byType = new Map<string, number>();
  for (const c of counts) byType.set(c.type, (byType.get(c.type) ?? 0) + c.n);
  return [
    ...lead,
    ['Total exceptions', total],
    ['Unresolved', unresolved],
    ['Resolved', total - unresolved],
    ...[...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => [type, n] as [string, number]),
    ['Generated at', new Date().toISOString()],
  ] satisfies [string, string | number][];
}

export interface VarianceExportInput {
  date?: string;
  includeResolved: boolean;
  type?: string;
  organizationId?: number;
}

/** The variance report of a check date (latest by default) as an export. */
export async function varianceExport(ctx: RequestContext, format: ExportFormat, input: VarianceExportInput): Promise<{ spec: ExportSpec<ExceptionRow>; filename: string }> {
  authorize(ctx.actor, 'inventory:read');
  let date = input.date;
  if (date !== undefined && !(await getVarianceCheck(ctx.db, date))) throw new AppError('not_found', `No variance report for ${date}`);
  date ??= (await latestVarianceCheck(ctx.db))?.check_date;
  const filename = `variances-${input.type ? `${input.type}-` : ''}${date ?? 'none'}`;
  const title = `Variance report ${date ?? '(no checks yet)'}`;
  if (date === undefined) {
    return { filename, spec: { title, sheetName: 'Exceptions', columns: exceptionColumnsFor(format), summary: [['Report date', 'No cross-vendor check has run yet'], ['Total exceptions', 0]], rows: [] } };
  }
  const query: ExceptionQuery = {
    date,
    type: input.type,
    organizationId: input.organizationId,
    status: input.includeResolved ? 'all' : 'open',
    sort: 'type',
    direction: 'asc',
  };
  const lead: [string, string][] = [
    ['Report date', date],
    ['Includes resolved', input.includeResolved ? 'Yes' : 'No'],
    ...(input.type ? [['Type', input.type] as [string, string]] : []),
  ];
  return {
    filename,
    spec: {
      title,
      sheetName: 'Exceptions',
      columns: exceptionColumnsFor(format),
      summary: await summaryOf(ctx, query, lead),
      rows: iterateExceptions(ctx.db, scopeOf(ctx.actor), query),
    },
  };
}

/** The exception work list with the page's filters and sort, as an export. */
export async function exceptionListExport(ctx: RequestContext, format: ExportFormat, params: ExceptionListParams): Promise<{ spec: ExportSpec<ExceptionRow>; filename: string }> {
  authorize(ctx.actor, 'inventory:read');
  const q = params.query;
  const lead: [string, string][] = [
    ['Status', q.status],
    ...(q.type ? [['Type', q.type] as [string, string]] : []),
    ...(q.date ? [['Seen on', q.date] as [string, string]] : []),
    ...(q.text ? [['Search', q.text] as [string, string]] : []),
  ];
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    filename: `exceptions-${q.type ? `${q.type}-` : ''}${q.status}-${stamp}`,
    spec: {
      title: `Exceptions (${q.status})`,
      sheetName: 'Exceptions',
      columns: exceptionColumnsFor(format),
      summary: await summaryOf(ctx, q, lead),
      rows: iterateExceptions(ctx.db, scopeOf(ctx.actor), q),
    },
  };
}

/** The original's export parameters: date (latest), include_resolved, variance_type or type; plus organization_id. */
export const varianceExportQuery = z
  .strictObject({
    date: z.string().refine(isIsoDate, 'Expected a date (YYYY-MM-DD)').optional(),
    include_resolved: queryFlag,
    variance_type: z.enum(EXCEPTION_TYPES).optional(),
    type: z.enum(EXCEPTION_TYPES).optional(),
    organization_id: z.coerce.number().int().positive().optional(),
  })
  .transform((q) => ({ date: q.date, includeResolved: q.include_resolved, type: q.variance_type ?? q.type, organizationId: q.organization_id }));
