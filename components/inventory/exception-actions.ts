import type { ExceptionItem } from '@/lib/inventory/dto';

// What a person's action on rows of the exception work list sends, and how
// the list looks once it succeeds (shown at once, rolled back if it fails).

export type ExceptionAction = 'resolve' | 'mark_manually_fixed' | 'reset_status';
type Row = Pick<ExceptionItem, 'id' | 'version'>;

/**
 * The request for an action: one row goes to its own route (reopening has
 * only the bulk one), several to bulk-update. Each row carries the version
 * the person saw, so that a change made meanwhile is refused (409).
 */
export function exceptionActionRequest(rows: readonly Row[], action: ExceptionAction, notes?: string): { path: string; body: Record<string, unknown> } {
  const note = notes ? { notes } : {};
  if (rows.length === 1 && action !== 'reset_status') {
    const row = rows[0]!;
    return { path: `/api/exceptions/${row.id}/${action === 'resolve' ? 'resolve' : 'mark-manually-fixed'}`, body: { version: row.version, ...note } };
  }
  const versions = Object.fromEntries(rows.map((r) => [String(r.id), r.version]));
  return { path: '/api/exceptions/bulk-update', body: { action, exception_ids: rows.map((r) => r.id), versions, ...note } };
}

/** The list after the action, as the server will have it: resolved rows leave a list of open ones. */
export function applyExceptionAction<T extends Pick<ExceptionItem, 'id' | 'resolved' | 'variance_status'>>(items: readonly T[], ids: readonly number[], action: ExceptionAction, openOnly: boolean): T[] {
  const chosen = new Set(ids);
  const resolved = action !== 'reset_status';
  return items
    .filter((i) => !(openOnly && resolved && chosen.has(i.id)))
    .map((i) =>
      chosen.has(i.id) ? { ...i, resolved, variance_status: action === 'mark_manually_fixed' ? 'manually_fixed' : action === 'reset_status' ? 'active' : i.variance_status } : i,
    );
}
