import { z } from 'zod';
import type { Db } from '@/db';
import { writeExceptionAction } from '@/db/queries/inventory/exception-writes';
import {
  exceptionStatusCounts,
  getExceptionRow,
  getExceptionRows,
  listExceptionRows,
  type ExceptionFilters,
  type ExceptionRow,
} from '@/db/queries/inventory/exceptions';
import type { HistoryEntry, VarianceStatus } from '@/db/types-domain/inventory';
import { recordAudit } from '@/lib/core/audit';
import { actorLabel, authorize, canSee, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { exceptionDto } from './dto';
import { getHostnameKey } from './model/hostname';
import { EXCEPTION_TYPES } from './model/variance';
import { inventoryDate } from './vendors';
import { env } from '@/lib/core/env';
import { cachedInventoryRead } from './cached';

// People's actions on exceptions (superusers only) and the lists they work
// from (everyone, within their organisation). Every action checks the
// version the caller last saw, when given: a change made meanwhile is a 409.

export const VARIANCE_STATUSES = ['active', 'manually_fixed', 'collector_verified', 'stale'] as const satisfies readonly VarianceStatus[];

const text = (max: number) => z.string().trim().max(max);

export const actionBodySchema = z.strictObject({
  version: z.number().int().positive().optional(),
  notes: text(2000).optional(),
  /** The original's free-text actor; kept in the notes, the signed-in user is recorded as the actor. */
  resolved_by: text(200).optional(),
  updated_by: text(200).optional(),
  update_type: text(100).optional(),
  old_value: text(2000).optional(),
  new_value: text(2000).optional(),
});
export type ActionBody = z.infer<typeof actionBodySchema>;

type Action = 'resolve' | 'mark_manually_fixed' | 'reset_status';

export async function listExceptions(ctx: RequestContext, filters: ExceptionFilters) {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'exceptions', [filters], async () => {
    const { rows, total } = await listExceptionRows(ctx.db, scopeOf(ctx.actor), filters);
    return { exceptions: rows.map((r) => exceptionDto(r)), total };
  });
}

export async function getException(ctx: RequestContext, id: number) {
  authorize(ctx.actor, 'inventory:read');
  const row = await getExceptionRow(ctx.db, id);
  if (!row || !canSee(ctx.actor, { organizationId: row.organization_id })) throw new AppError('not_found', 'Exception not found');
  return exceptionDto(row, { history: true });
}

function describeNote(body: ActionBody): string | null {
  const who = body.resolved_by ?? body.updated_by;
  const parts = [body.notes, who ? `reported by ${who}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' – ') : null;
}

/** The new state of one exception after a person's action. */
function applyAction(row: ExceptionRow, action: Action, body: ActionBody, by: string, now: Date) {
  const note = describeNote(body);
  if (action === 'resolve') {
    return {
      resolved: true,
      variance_status: row.variance_status,
      resolved_at: row.resolved ? row.resolved_at : now,
      resolved_by: by,
      notes: note ?? row.notes,
      manual: null,
      reason: note ? `Resolved: ${note}` : 'Resolved',
    };
  }
  if (action === 'mark_manually_fixed') {
    return {
      resolved: true,
      variance_status: 'manually_fixed' as VarianceStatus,
      resolved_at: now,
      resolved_by: by,
      notes: note ?? row.notes,
      manual: { manually_updated_at: now, manually_updated_by: by, update_type: body.update_type ?? 'manual_fix', old_value: body.old_value ?? null, new_value: body.new_value ?? null },
      reason: note ? `Marked as fixed by hand: ${note}` : 'Marked as fixed by hand',
    };
  }
  return { resolved: false, variance_status: 'active' as VarianceStatus, resolved_at: null, resolved_by: null, notes: note ?? row.notes, manual: null, reason: 'Status reset' };
}

async function applyToRows(trx: Db, ctx: RequestContext, rows: ExceptionRow[], action: Action, body: ActionBody) {
  const by = actorLabel(ctx.actor);
  const now = new Date();
  const date = inventoryDate(now, env().SCHEDULE_TZ);
  for (const row of rows) {
    const next = applyAction(row, action, body, by, now);
    const entry: HistoryEntry = { at: now.toISOString(), date, from: row.variance_status, to: next.variance_status, resolved: next.resolved, by, reason: next.reason };
    await writeExceptionAction(trx, row.id, next, entry, now);
    await recordAudit(trx, ctx, {
      action: `inventory.exception.${action}`,
      entityType: 'exception',
      entityId: row.id,
      organizationId: row.organization_id,
      before: { resolved: row.resolved, variance_status: row.variance_status, version: row.version },
      after: { resolved: next.resolved, variance_status: next.variance_status },
      data: { type: row.type, hostname: row.hostname, ...(body.update_type ? { update_type: body.update_type } : {}) },
    });
  }
}

/** Loads exceptions for an action: unknown or another tenant's → 404, a stale version → 409. */
async function lockForAction(trx: Db, ctx: RequestContext, ids: readonly number[], versions: ReadonlyMap<number, number>) {
  const rows = await getExceptionRows(trx, ids, { forUpdate: true });
  const visible = rows.filter((r) => canSee(ctx.actor, { organizationId: r.organization_id }));
  const missing = ids.filter((id) => !visible.some((r) => Number(r.id) === id));
  if (missing.length > 0) throw new AppError('not_found', missing.length === 1 ? 'Exception not found' : 'Some exceptions were not found', { missing_ids: missing });
  for (const row of visible) authorize(ctx.actor, 'inventory:operate', { organizationId: row.organization_id }, 'Exception');
  const stale = visible.filter((r) => versions.has(Number(r.id)) && versions.get(Number(r.id)) !== r.version);
  if (stale.length > 0) {
    throw new AppError('conflict', 'The exception changed since you loaded it; reload and try again', {
      current: stale.map((r) => ({ id: Number(r.id), version: r.version, resolved: r.resolved, variance_status: r.variance_status })),
    });
  }
  return visible.map((r) => ({ ...r, id: Number(r.id) }));
}

async function actOnOne(ctx: RequestContext, id: number, action: Action, body: ActionBody) {
  authorize(ctx.actor, 'inventory:read');
  await ctx.db.transaction().execute(async (trx) => {
    const rows = await lockForAction(trx, ctx, [id], new Map(body.version === undefined ? [] : [[id, body.version]]));
    await applyToRows(trx, ctx, rows, action, body);
  });
  const row = (await getExceptionRow(ctx.db, id))!;
  return exceptionDto(row, { history: true });
}

export async function resolveException(ctx: RequestContext, id: number, body: ActionBody) {
  const exception = await actOnOne(ctx, id, 'resolve', body);
  return { success: true, message: `Exception ${id} resolved`, exception };
}

export async function markExceptionManuallyFixed(ctx: RequestContext, id: number, body: ActionBody) {
  const exception = await actOnOne(ctx, id, 'mark_manually_fixed', body);
  return { success: true, message: `Exception ${id} marked as fixed by hand; the next collection verifies it`, exception };
}

export const byHostnameBodySchema = actionBodySchema.omit({ version: true }).extend({
  hostname: z.string().trim().min(1).max(255),
  type: z.enum(EXCEPTION_TYPES).default('DISPLAY_NAME_MISMATCH'),
});

export async function markFixedByHostname(ctx: RequestContext, body: z.infer<typeof byHostnameBodySchema>) {
  authorize(ctx.actor, 'inventory:read');
  const key = getHostnameKey(body.hostname);
  const { rows } = await listExceptionRows(ctx.db, scopeOf(ctx.actor), { type: body.type, limit: 1000, offset: 0 });
  const matching = rows.filter((r) => r.hostname === key);
  if (matching.length === 0) throw new AppError('not_found', `No ${body.type} exception for hostname ${body.hostname}`, { status: 'not_found', hostname: key, type: body.type });
  const open = matching.filter((r) => !r.resolved);
  if (open.length === 0) {
    return { status: 'already_resolved', hostname: key, type: body.type, exceptions: matching.map((r) => exceptionDto(r)) };
  }
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockForAction(trx, ctx, open.map((r) => Number(r.id)), new Map());
    await applyToRows(trx, ctx, locked, 'mark_manually_fixed', body);
  });
  const updated = await getExceptionRows(ctx.db, open.map((r) => Number(r.id)));
  return { status: 'updated', hostname: key, type: body.type, updated_count: updated.length, exceptions: updated.map((r) => exceptionDto(r)) };
}

export const bulkBodySchema = actionBodySchema.omit({ version: true }).extend({
  action: z.enum(['mark_manually_fixed', 'resolve', 'reset_status']),
  exception_ids: z.array(z.number().int().positive()).min(1).max(1000),
  /** Versions the caller last saw, by exception id: any mismatch refuses the whole update. */
  versions: z.record(z.string().regex(/^\d+$/), z.number().int().positive()).optional(),
});

/** All or nothing: any unknown id or stale version and no exception changes. */
export async function bulkUpdateExceptions(ctx: RequestContext, body: z.infer<typeof bulkBodySchema>) {
  authorize(ctx.actor, 'inventory:read');
  const ids = [...new Set(body.exception_ids)];
  const versions = new Map(Object.entries(body.versions ?? {}).map(([id, v]) => [Number(id), v]));
  const unknownVersions = [...versions.keys()].filter((id) => !ids.includes(id));
  if (unknownVersions.length > 0) {
    throw new AppError('validation_failed', 'Request is not valid', [{ path: 'versions', code: 'custom', message: `Versions given for ids not in exception_ids: ${unknownVersions.join(', ')}` }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const rows = await lockForAction(trx, ctx, ids, versions);
    await applyToRows(trx, ctx, rows, body.action, body);
  });
  const rows = await getExceptionRows(ctx.db, ids);
  return { success: true, action: body.action, updated_count: rows.length, exceptions: rows.map((r) => exceptionDto(r)) };
}

export async function exceptionStatusSummary(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  const counts = await exceptionStatusCounts(ctx.db, scopeOf(ctx.actor));
  const byStatus = Object.fromEntries(VARIANCE_STATUSES.map((s) => [s, 0])) as Record<VarianceStatus, number>;
  const byType: Record<string, Record<VarianceStatus, number> & { total: number; unresolved: number }> = {};
  let resolved = 0;
  let total = 0;
  for (const c of counts) {
    byStatus[c.variance_status] += c.n;
    const t = (byType[c.type] ??= { ...(Object.fromEntries(VARIANCE_STATUSES.map((s) => [s, 0])) as Record<VarianceStatus, number>), total: 0, unresolved: 0 });
    t[c.variance_status] += c.n;
    t.total += c.n;
    if (!c.resolved) t.unresolved += c.n;
    if (c.resolved) resolved += c.n;
    total += c.n;
  }
  return {
    status_summary: byStatus,
    by_type: byType,
    total_exceptions: total,
    resolved_count: resolved,
    unresolved_count: total - resolved,
    generated_at: new Date().toISOString(),
  };
}
