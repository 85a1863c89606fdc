import { z } from 'zod';
import { listAuditLogs } from '@/db/queries/admin/audit-logs';
import { authorize, isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { paginationSchema, type Pagination } from '@/lib/http/pagination';
import { toAuditLogDto } from './dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO date or date-time; a bare date as an upper bound includes that whole day. */
const dateBound = (upper: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !Number.isNaN(Date.parse(v)), 'Use an ISO date (YYYY-MM-DD) or date-time')
    .transform((v) => new Date(Date.parse(v) + (upper && v.length === 10 ? DAY_MS : 0)));

export const auditQuerySchema = paginationSchema.extend({
  from: dateBound(false).optional(),
  to: dateBound(true).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  actor_id: z.coerce.number().int().positive().optional(),
  action: z.string().trim().regex(/^[a-z_]+(\.[a-z_*]+)*$/, 'Actions look like "user.create" or "user.*"').optional(),
  status: z.enum(['success', 'failure']).optional(),
  entity_type: z.string().trim().regex(/^[a-z_]+$/).optional(),
  entity_id: z.string().trim().max(64).optional(),
  organization_id: z.coerce.number().int().positive().optional(),
  site_id: z.coerce.number().int().positive().optional(),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export async function listAuditLogsFor(ctx: RequestContext, query: AuditQuery) {
  authorize(ctx.actor, 'audit:read');
  const { page, per_page, ...filters } = query;
  if (!isSuperuser(ctx.actor)) filters.organization_id = undefined;
  const pagination: Pagination = { page, per_page };
  const { rows, total } = await listAuditLogs(ctx.db, scopeOf(ctx.actor), filters, pagination);
  return { rows: rows.map(toAuditLogDto), total, pagination };
}
