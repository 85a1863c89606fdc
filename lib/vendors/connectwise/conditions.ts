// ConnectWise `conditions` query language: builders for the client (the
// simulator parses and evaluates it: lib/simulators/connectwise-conditions.ts).
// Syntax as documented for Manage:
// `board/name="Help Desk" and dateEntered >= [2025-07-01T00:00:00Z]`, strings
// in quotes, dates in brackets, ops = != < <= > >= contains like in not in,
// `and`/`or` with parentheses.

/** A quoted string literal; quotes and backslashes are escaped. */
export function cwString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A date literal `[YYYY-MM-DDTHH:MM:SSZ]` from an ISO date, date-time or Date. */
export function cwDate(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date for a ConnectWise condition: ${String(value)}`);
  return `[${d.toISOString().replace(/\.\d{3}Z$/, 'Z')}]`;
}

/** A list literal for `in`: `("a","b")` or `(1,2)`. */
export function cwList(values: readonly (string | number)[]): string {
  return `(${values.map((v) => (typeof v === 'number' ? String(v) : cwString(v))).join(',')})`;
}

/** Joins the non-empty parts with `and`, each wrapped in parentheses when it holds an `or`. */
export function cwAnd(...parts: (string | null | undefined | false)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => (/\bor\b/i.test(p) ? `(${p})` : p))
    .join(' and ');
}

/** A period as `from` (inclusive) and `to` (exclusive): ISO dates or date-times, or Dates. */
export type CwRange = { from: string | Date; to: string | Date };

/** Parent tickets entered on a board within the range (QBR `reactive_tickets_created`). */
export function ticketsEnteredConditions(opts: CwRange & { board: string; companyId?: number }): string {
  return cwAnd(
    `board/name=${cwString(opts.board)}`,
    'parentTicketId = null',
    opts.companyId !== undefined && `company/id=${opts.companyId}`,
    `dateEntered >= ${cwDate(opts.from)}`,
    `dateEntered < ${cwDate(opts.to)}`,
  );
}

/** Parent tickets on a board closed within the range with one of the statuses (QBR `reactive_tickets_closed`). */
export function ticketsClosedConditions(opts: CwRange & { board: string; statuses: readonly string[]; companyId?: number }): string {
  return cwAnd(
    `board/name=${cwString(opts.board)}`,
    'parentTicketId = null',
    opts.companyId !== undefined && `company/id=${opts.companyId}`,
    opts.statuses.length > 0 && `status/name in ${cwList(opts.statuses)}`,
    `closedDate >= ${cwDate(opts.from)}`,
    `closedDate < ${cwDate(opts.to)}`,
  );
}

/** Time charged to service tickets and started within the range (QBR `reactive_time_spent`, filtered by board afterwards). */
export function serviceTimeConditions(opts: CwRange & { companyId?: number }): string {
  return cwAnd(
    `chargeToType=${cwString('ServiceTicket')}`,
    opts.companyId !== undefined && `company/id=${opts.companyId}`,
    `timeStart >= ${cwDate(opts.from)}`,
    `timeStart < ${cwDate(opts.to)}`,
  );
}
