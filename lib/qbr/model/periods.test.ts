import { describe, it, expect } from 'vitest';
import {
  addMonths,
  comparePeriods,
  comparisonPeriods,
  isMonthKey,
  isPeriodKey,
  isQuarterKey,
  lastNQuarters,
  monthKeysOf,
  monthOf,
  monthsBetween,
  monthsOfQuarter,
  nextQuarter,
  parseMonth,
  parsePeriod,
  parseQuarter,
  periodDates,
  periodEnd,
  periodStart,
  previousMonth,
  previousQuarter,
  quarterOf,
  quarterOfMonth,
  quarterPeriod,
  monthPeriod,
  sameQuarterLastYear,
  toPeriod,
  type Period,
} from './periods';

function ok(input: string): Period {
  const r = parsePeriod(input);
  if (!r.ok) throw new Error(`expected ${input} to parse: ${r.error.message}`);
  return r.value;
}

function errorCode(input: string): string {
  const r = parsePeriod(input);
  if (r.ok) throw new Error(`expected ${input} to be rejected`);
  return r.error.code;
}

describe('parsePeriod', () => {
  it('parses months and quarters into structured values', () => {
    expect(ok('2025-07')).toEqual({ kind: 'month', year: 2025, month: 7, key: '2025-07' });
    expect(ok('2025-01')).toEqual({ kind: 'month', year: 2025, month: 1, key: '2025-01' });
    expect(ok('2025-12')).toEqual({ kind: 'month', year: 2025, month: 12, key: '2025-12' });
    expect(ok('2025-Q1')).toEqual({ kind: 'quarter', year: 2025, quarter: 1, key: '2025-Q1' });
    expect(ok('2024-Q4')).toEqual({ kind: 'quarter', year: 2024, quarter: 4, key: '2024-Q4' });
  });

  it('rejects out-of-range months and quarters with a specific code', () => {
    expect(errorCode('2025-13')).toBe('month_out_of_range');
    expect(errorCode('2025-00')).toBe('month_out_of_range');
    expect(errorCode('2025-Q5')).toBe('quarter_out_of_range');
    expect(errorCode('2025-Q0')).toBe('quarter_out_of_range');
    expect(errorCode('1899-12')).toBe('year_out_of_range');
  });

  it('rejects malformed input as invalid_format', () => {
    for (const bad of ['25-01', '2025-1', '2025-001', '2025/01', '2025-q1', '2025Q1', '2025-Q', '2025-Q10', ' 2025-01', '2025-01 ', '', 'abcd-ef', '2025-07-01']) {
      expect(errorCode(bad), bad).toBe('invalid_format');
    }
  });

  it('gives a readable message that names the input', () => {
    const r = parsePeriod('2025-13');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.input).toBe('2025-13');
      expect(r.error.message).toContain('2025-13');
      expect(r.error.message).toMatch(/01 and 12/);
    }
  });

  it('parseMonth and parseQuarter refuse the other kind', () => {
    const a = parseMonth('2025-Q1');
    const b = parseQuarter('2025-01');
    expect(a.ok || b.ok).toBe(false);
    if (!a.ok) expect(a.error.code).toBe('wrong_kind');
    if (!b.ok) expect(b.error.code).toBe('wrong_kind');
    expect(isMonthKey('2025-02')).toBe(true);
    expect(isMonthKey('2025-Q2')).toBe(false);
    expect(isQuarterKey('2025-Q2')).toBe(true);
    expect(isQuarterKey('2025-13')).toBe(false);
    expect(isPeriodKey('2025-Q5')).toBe(false);
  });

  it('toPeriod throws on invalid keys', () => {
    expect(() => toPeriod('2025-13')).toThrow(RangeError);
    expect(toPeriod('2025-Q3').key).toBe('2025-Q3');
  });

  it('constructors validate their arguments', () => {
    expect(() => monthPeriod(2025, 13)).toThrow(RangeError);
    expect(() => quarterPeriod(2025, 5)).toThrow(RangeError);
    expect(() => monthPeriod(2025.5, 1)).toThrow(RangeError);
  });
});

describe('period dates', () => {
  it('gives inclusive start and end and the next start for months', () => {
    expect(periodDates(ok('2025-01'))).toEqual({ start: '2025-01-01', end: '2025-01-31', nextStart: '2025-02-01' });
    expect(periodDates(ok('2025-12'))).toEqual({ start: '2025-12-01', end: '2025-12-31', nextStart: '2026-01-01' });
    expect(periodEnd(ok('2024-02'))).toBe('2024-02-29');
    expect(periodEnd(ok('2025-02'))).toBe('2025-02-28');
    expect(periodEnd(ok('2000-02'))).toBe('2000-02-29');
    expect(periodEnd(ok('1900-02'))).toBe('1900-02-28');
    expect(periodEnd(ok('2025-04'))).toBe('2025-04-30');
  });

  it('gives quarter bounds', () => {
    expect(periodDates(ok('2025-Q1'))).toEqual({ start: '2025-01-01', end: '2025-03-31', nextStart: '2025-04-01' });
    expect(periodDates(ok('2025-Q2'))).toEqual({ start: '2025-04-01', end: '2025-06-30', nextStart: '2025-07-01' });
    expect(periodDates(ok('2025-Q3'))).toEqual({ start: '2025-07-01', end: '2025-09-30', nextStart: '2025-10-01' });
    expect(periodDates(ok('2025-Q4'))).toEqual({ start: '2025-10-01', end: '2025-12-31', nextStart: '2026-01-01' });
    expect(periodStart(ok('2025-Q4'))).toBe('2025-10-01');
  });
});

describe('quarter arithmetic', () => {
  const q = (key: string) => {
    const r = parseQuarter(key);
    if (!r.ok) throw new Error(key);
    return r.value;
  };
  const m = (key: string) => {
    const r = parseMonth(key);
    if (!r.ok) throw new Error(key);
    return r.value;
  };

  it('lists the months of each quarter', () => {
    expect(monthsOfQuarter(q('2025-Q1')).map((p) => p.key)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(monthsOfQuarter(q('2025-Q2')).map((p) => p.key)).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(monthsOfQuarter(q('2025-Q3')).map((p) => p.key)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(monthsOfQuarter(q('2025-Q4')).map((p) => p.key)).toEqual(['2025-10', '2025-11', '2025-12']);
  });

  it('maps months to their quarter', () => {
    expect(quarterOfMonth(m('2025-01')).key).toBe('2025-Q1');
    expect(quarterOfMonth(m('2025-03')).key).toBe('2025-Q1');
    expect(quarterOfMonth(m('2025-04')).key).toBe('2025-Q2');
    expect(quarterOfMonth(m('2025-09')).key).toBe('2025-Q3');
    expect(quarterOfMonth(m('2025-10')).key).toBe('2025-Q4');
    expect(quarterOfMonth(m('2025-12')).key).toBe('2025-Q4');
  });

  it('steps to the previous quarter across a year boundary', () => {
    expect(previousQuarter(q('2025-Q3')).key).toBe('2025-Q2');
    expect(previousQuarter(q('2025-Q1')).key).toBe('2024-Q4');
    expect(nextQuarter(q('2024-Q4')).key).toBe('2025-Q1');
  });

  it('finds the same quarter last year', () => {
    expect(sameQuarterLastYear(q('2025-Q1')).key).toBe('2024-Q1');
    expect(sameQuarterLastYear(q('2025-Q4')).key).toBe('2024-Q4');
  });

  it('lists the last N quarters, oldest first, ending with the given one', () => {
    expect(lastNQuarters(q('2025-Q2'), 5).map((p) => p.key)).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
    expect(lastNQuarters(q('2025-Q2'), 1).map((p) => p.key)).toEqual(['2025-Q2']);
    expect(lastNQuarters(q('2025-Q2'), 0)).toEqual([]);
    expect(() => lastNQuarters(q('2025-Q2'), -1)).toThrow(RangeError);
  });

  it('steps months and lists ranges', () => {
    expect(previousMonth(m('2025-01')).key).toBe('2024-12');
    expect(addMonths(m('2025-11'), 3).key).toBe('2026-02');
    expect(addMonths(m('2025-03'), -15).key).toBe('2023-12');
    expect(monthsBetween(m('2024-11'), m('2025-02')).map((p) => p.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween(m('2025-02'), m('2025-01'))).toEqual([]);
  });

  it('finds the month and quarter of a date in UTC', () => {
    expect(monthOf(new Date('2025-07-31T23:59:59Z')).key).toBe('2025-07');
    expect(quarterOf(new Date('2025-10-01T00:00:00Z')).key).toBe('2025-Q4');
  });

  it('orders periods by start', () => {
    const keys = ['2025-Q2', '2025-03', '2024-Q4', '2025-04'];
    expect(keys.map(toPeriod).sort(comparePeriods).map((p) => p.key)).toEqual(['2024-Q4', '2025-03', '2025-04', '2025-Q2']);
  });
});

describe('what a period covers and is compared with', () => {
  it('lists the months a period covers', () => {
    expect(monthKeysOf(toPeriod('2025-07'))).toEqual(['2025-07']);
    expect(monthKeysOf(toPeriod('2025-Q3'))).toEqual(['2025-07', '2025-08', '2025-09']);
  });

  it('compares a quarter with the one before and the same quarter a year earlier, across year ends', () => {
    expect(comparisonPeriods(toPeriod('2025-Q3'))).toEqual({ previous: '2025-Q2', lastYear: '2024-Q3' });
    expect(comparisonPeriods(toPeriod('2025-Q1'))).toEqual({ previous: '2024-Q4', lastYear: '2024-Q1' });
  });

  it('compares a month with the month before and the same month a year earlier, across year ends', () => {
    expect(comparisonPeriods(toPeriod('2025-07'))).toEqual({ previous: '2025-06', lastYear: '2024-07' });
    expect(comparisonPeriods(toPeriod('2025-01'))).toEqual({ previous: '2024-12', lastYear: '2024-01' });
  });
});
