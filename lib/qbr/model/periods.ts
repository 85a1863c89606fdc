// QBR periods: months `YYYY-MM` and quarters `YYYY-Qn`. Metrics are stored per
// month; quarters are always derived from their three months. Only the
// canonical spelling is accepted (no `2025-1`, no `2025-q1`) so that one period
// has exactly one key in the database.

export type MonthPeriod = { readonly kind: 'month'; readonly year: number; readonly month: number; readonly key: string };
export type Quarter = 1 | 2 | 3 | 4;
export type QuarterPeriod = { readonly kind: 'quarter'; readonly year: number; readonly quarter: Quarter; readonly key: string };
export type Period = MonthPeriod | QuarterPeriod;

export type PeriodErrorCode = 'invalid_format' | 'month_out_of_range' | 'quarter_out_of_range' | 'year_out_of_range' | 'wrong_kind';
export type PeriodError = { readonly code: PeriodErrorCode; readonly input: string; readonly message: string };
export type PeriodResult<T extends Period> = { ok: true; value: T } | { ok: false; error: PeriodError };

/** Inclusive first and last day, plus the first day after, as `YYYY-MM-DD`. */
export type PeriodDates = { readonly start: string; readonly end: string; readonly nextStart: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const QUARTER_RE = /^(\d{4})-Q(\d)$/;

const pad2 = (n: number) => String(n).padStart(2, '0');

function fail<T extends Period>(code: PeriodErrorCode, input: string, message: string): PeriodResult<T> {
  return { ok: false, error: { code, input, message } };
}

function yearError<T extends Period>(input: string, year: number): PeriodResult<T> | null {
  return year < MIN_YEAR || year > MAX_YEAR
    ? fail('year_out_of_range', input, `Year ${year} in "${input}" is outside ${MIN_YEAR}–${MAX_YEAR}`)
    : null;
}

export function monthPeriod(year: number, month: number): MonthPeriod {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Invalid year: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month: ${month}`);
  return { kind: 'month', year, month, key: `${year}-${pad2(month)}` };
}

export function quarterPeriod(year: number, quarter: number): QuarterPeriod {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Invalid year: ${year}`);
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) throw new RangeError(`Invalid quarter: ${quarter}`);
  return { kind: 'quarter', year, quarter, key: `${year}-Q${quarter}` };
}

export function parseMonth(input: string): PeriodResult<MonthPeriod> {
  const m = MONTH_RE.exec(input);
  if (!m) {
    if (QUARTER_RE.test(input)) return fail('wrong_kind', input, `"${input}" is a quarter; a month (YYYY-MM) is expected`);
    return fail('invalid_format', input, `"${input}" is not a month; expected YYYY-MM, e.g. 2025-07`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const bad = yearError<MonthPeriod>(input, year);
  if (bad) return bad;
  if (month < 1 || month > 12) return fail('month_out_of_range', input, `Month ${m[2]} in "${input}" is not between 01 and 12`);
  return { ok: true, value: monthPeriod(year, month) };
}

export function parseQuarter(input: string): PeriodResult<QuarterPeriod> {
  const m = QUARTER_RE.exec(input);
  if (!m) {
    if (MONTH_RE.test(input)) return fail('wrong_kind', input, `"${input}" is a month; a quarter (YYYY-Qn) is expected`);
    return fail('invalid_format', input, `"${input}" is not a quarter; expected YYYY-Qn, e.g. 2025-Q3`);
  }
  const year = Number(m[1]);
  const quarter = Number(m[2]);
  const bad = yearError<QuarterPeriod>(input, year);
  if (bad) return bad;
  if (quarter < 1 || quarter > 4) return fail('quarter_out_of_range', input, `Quarter Q${m[2]} in "${input}" is not between Q1 and Q4`);
  return { ok: true, value: quarterPeriod(year, quarter) };
}

/** Parses either kind. Errors say what was wrong (format, month, quarter, year). */
export function parsePeriod(input: string): PeriodResult<Period> {
  if (QUARTER_RE.test(input)) return parseQuarter(input);
  if (MONTH_RE.test(input)) return parseMonth(input);
  return fail('invalid_format', input, `"${input}" is not a period; expected YYYY-MM (e.g. 2025-07) or YYYY-Qn (e.g. 2025-Q3)`);
}

/** For trusted keys (from our own database or code): throws on anything invalid. */
export function toPeriod(input: string): Period {
  const r = parsePeriod(input);
  if (!r.ok) throw new RangeError(r.error.message);
  return r.value;
}

export const isMonthKey = (input: string): boolean => parseMonth(input).ok;
export const isQuarterKey = (input: string): boolean => parseQuarter(input).ok;
export const isPeriodKey = (input: string): boolean => parsePeriod(input).ok;

const isoDate = (year: number, month: number, day: number) => `${year}-${pad2(month)}-${pad2(day)}`;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function addMonths(p: MonthPeriod, n: number): MonthPeriod {
  const index = p.year * 12 + (p.month - 1) + n;
  return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
}

export function addQuarters(q: QuarterPeriod, n: number): QuarterPeriod {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
}

export const previousMonth = (p: MonthPeriod): MonthPeriod => addMonths(p, -1);
export const nextMonth = (p: MonthPeriod): MonthPeriod => addMonths(p, 1);
export const previousQuarter = (q: QuarterPeriod): QuarterPeriod => addQuarters(q, -1);
export const nextQuarter = (q: QuarterPeriod): QuarterPeriod => addQuarters(q, 1);
export const sameQuarterLastYear = (q: QuarterPeriod): QuarterPeriod => quarterPeriod(q.year - 1, q.quarter);

export function monthsOfQuarter(q: QuarterPeriod): [MonthPeriod, MonthPeriod, MonthPeriod] {
  const first = (q.quarter - 1) * 3 + 1;
  return [monthPeriod(q.year, first), monthPeriod(q.year, first + 1), monthPeriod(q.year, first + 2)];
}

export function quarterOfMonth(p: MonthPeriod): QuarterPeriod {
  return quarterPeriod(p.year, Math.floor((p.month - 1) / 3) + 1);
}

/** The `n` quarters ending with `q` (included), oldest first. */
export function lastNQuarters(q: QuarterPeriod, n: number): QuarterPeriod[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Invalid quarter count: ${n}`);
  return Array.from({ length: n }, (_, i) => addQuarters(q, i - n + 1));
}

/** Every month from `from` to `to`, both included, oldest first (empty when from > to). */
export function monthsBetween(from: MonthPeriod, to: MonthPeriod): MonthPeriod[] {
  const out: MonthPeriod[] = [];
  for (let p = from; comparePeriods(p, to) <= 0; p = nextMonth(p)) out.push(p);
  return out;
}

export function periodDates(p: Period): PeriodDates {
  if (p.kind === 'month') {
    const next = nextMonth(p);
    return {
      start: isoDate(p.year, p.month, 1),
      end: isoDate(p.year, p.month, daysInMonth(p.year, p.month)),
      nextStart: isoDate(next.year, next.month, 1),
    };
  }
  const [first, , last] = monthsOfQuarter(p);
  return { start: periodDates(first).start, end: periodDates(last).end, nextStart: periodDates(last).nextStart };
}

export const periodStart = (p: Period): string => periodDates(p).start;
export const periodEnd = (p: Period): string => periodDates(p).end;

/** Orders periods by start date; at the same start a month sorts before a quarter. */
export function comparePeriods(a: Period, b: Period): number {
  return periodStart(a) < periodStart(b) ? -1 : periodStart(a) > periodStart(b) ? 1 : a.kind === b.kind ? 0 : a.kind === 'month' ? -1 : 1;
}

/** The month containing `now`, in UTC. */
export function monthOf(now: Date): MonthPeriod {
  return monthPeriod(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/** The quarter containing `now`, in UTC. */
export const quarterOf = (now: Date): QuarterPeriod => quarterOfMonth(monthOf(now));

/** The month keys a period covers: a month itself, or a quarter's three. */
export const monthKeysOf = (p: Period): string[] => (p.kind === 'month' ? [p.key] : monthsOfQuarter(p).map((m) => m.key));

/** What a period is compared with: the one before it, and the same one a year earlier. */
export function comparisonPeriods(p: Period): { previous: string; lastYear: string } {
  if (p.kind === 'quarter') return { previous: previousQuarter(p).key, lastYear: sameQuarterLastYear(p).key };
  return { previous: previousMonth(p).key, lastYear: monthPeriod(p.year - 1, p.month).key };
}
