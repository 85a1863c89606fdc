import { describe, it, expect } from 'vitest';
import { flattenProfitAndLoss, parseAmount, profitAndLossSchema, ReportFormatError, roundCents, type ProfitAndLossReport } from './report';
import fixture from './fixtures/reports-profit-and-loss-monthly.json';

const report = profitAndLossSchema.parse(fixture);

describe('parseAmount', () => {
  it('reads QuickBooks amount strings', () => {
    expect(parseAmount('4250.00')).toBe(4250);
    expect(parseAmount('-12.5')).toBe(-12.5);
    expect(parseAmount('1,234.56')).toBe(1234.56);
    expect(parseAmount('(99.10)')).toBe(-99.1);
    expect(parseAmount('')).toBe(0);
    expect(parseAmount(undefined)).toBe(0);
    expect(parseAmount('0.1')).toBe(0.1);
    expect(() => parseAmount('abc')).toThrow(ReportFormatError);
  });

  it('reads credit notes, refunds and reversals as negative amounts', () => {
    expect(parseAmount('-1250.00')).toBe(-1250);
    expect(parseAmount('-1,250.00')).toBe(-1250);
    expect(parseAmount('(1,250.00)')).toBe(-1250);
    expect(parseAmount(' -0.01 ')).toBe(-0.01);
    expect(Object.is(parseAmount('-0.00'), 0)).toBe(true); // never -0
    expect(() => parseAmount('--5')).toThrow(ReportFormatError);
  });

  it('rounds a negative amount exactly as its positive counterpart', () => {
    for (const n of [0.005, 0.015, 1.125, 2.675, 10.005, 1250.445, 99999.995]) expect(roundCents(-n), String(n)).toBe(-roundCents(n));
    expect(roundCents(-0.125)).toBe(-0.13); // half away from zero, as 0.125 → 0.13
    expect(roundCents(-12.344)).toBe(-12.34);
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
  });
});

describe('flattenProfitAndLoss', () => {
  const rows = flattenProfitAndLoss(report);

  it('gives one row per account and month, without totals', () => {
    expect(rows).toHaveLength(8 * 3);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(['2025-07', '2025-08', '2025-09']));
    expect(rows.some((r) => /total|gross profit|net income/i.test(r.account))).toBe(false);
  });

  it('keeps the account, its id, its group and section', () => {
    expect(rows.find((r) => r.account === 'Managed Services Revenue' && r.month === '2025-07')).toEqual({
      month: '2025-07',
      group: 'Income',
      section: ['Income'],
      account: 'Managed Services Revenue',
      accountId: '81',
      amount: 4250,
    });
    expect(rows.find((r) => r.account === 'Project Services' && r.month === '2025-08')?.amount).toBe(1800);
    expect(rows.find((r) => r.account === 'Cost of Hardware Sold' && r.month === '2025-09')).toMatchObject({ group: 'COGS', amount: 1880 });
    expect(rows.find((r) => r.account === 'Rent or Lease' && r.month === '2025-08')).toMatchObject({ group: 'Expenses', section: ['Expenses'], accountId: '17', amount: 900 });
  });

  it('adds up to the report’s own section totals', () => {
    const total = (group: string, month: string) => rows.filter((r) => r.group === group && r.month === month).reduce((s, r) => s + r.amount, 0);
    expect([total('Income', '2025-07'), total('Income', '2025-08'), total('Income', '2025-09')]).toEqual([5450, 6050, 6600]);
    expect([total('COGS', '2025-07'), total('Expenses', '2025-09')]).toEqual([1560, 3470]);
  });

  it('walks nested sections and keeps a parent account’s own postings', () => {
    const nested: ProfitAndLossReport = {
      Header: { SummarizeColumnsBy: 'Month' },
      Columns: {
        Column: [
          { ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
          { ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: '2024-01-01' }, { Name: 'ColKey', Value: 'Jan 2024' }] },
          { ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: '2024-02-01' }, { Name: 'ColKey', Value: 'Feb 2024' }] },
          { ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
        ],
      },
      Rows: {
        Row: [
          {
            type: 'Section',
            group: 'Expenses',
            Header: { ColData: [{ value: 'Expenses' }, { value: '' }, { value: '' }, { value: '' }] },
            Rows: {
              Row: [
                {
                  type: 'Section',
                  Header: { ColData: [{ value: 'Payroll Expenses', id: '60' }, { value: '10.00' }, { value: '' }, { value: '10.00' }] },
                  Rows: { Row: [{ type: 'Data', ColData: [{ value: 'Wages', id: '601' }, { value: '100.00' }, { value: '200.00' }, { value: '300.00' }] }] },
                  Summary: { ColData: [{ value: 'Total Payroll Expenses' }, { value: '110.00' }, { value: '200.00' }, { value: '310.00' }] },
                },
              ],
            },
            Summary: { ColData: [{ value: 'Total Expenses' }, { value: '110.00' }, { value: '200.00' }, { value: '310.00' }] },
          },
        ],
      },
    };
    expect(flattenProfitAndLoss(nested)).toEqual([
      { month: '2024-01', group: 'Expenses', section: ['Expenses'], account: 'Payroll Expenses', accountId: '60', amount: 10 },
      { month: '2024-02', group: 'Expenses', section: ['Expenses'], account: 'Payroll Expenses', accountId: '60', amount: 0 },
      { month: '2024-01', group: 'Expenses', section: ['Expenses', 'Payroll Expenses'], account: 'Wages', accountId: '601', amount: 100 },
      { month: '2024-02', group: 'Expenses', section: ['Expenses', 'Payroll Expenses'], account: 'Wages', accountId: '601', amount: 200 },
    ]);
  });

  it('returns nothing for an empty report and refuses one without month columns', () => {
    expect(flattenProfitAndLoss({ ...report, Rows: {} })).toEqual([]);
    const totalOnly = { ...report, Columns: { Column: [report.Columns.Column[0]!, report.Columns.Column[4]!] } };
    expect(() => flattenProfitAndLoss(totalOnly)).toThrow(ReportFormatError);
  });
});
