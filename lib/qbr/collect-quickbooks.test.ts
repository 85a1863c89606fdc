import { describe, expect, it } from 'vitest';
import { flattenProfitAndLoss, profitAndLossSchema, type PnlRow } from '@/lib/vendors/quickbooks/report';
import type { AccountCategory } from './schemas';
import { categorise, quickBooksRows } from './collect-quickbooks';
import { DEMO_ACCOUNT_MAPPINGS } from './demo';
import { monthPeriod } from './model/periods';

const row = (month: string, group: string, section: string[], account: string, amount: number): PnlRow => ({ month, group, section, account, accountId: null, amount });
const accounts = new Map<string, AccountCategory>([
  ['managed services', 'mrr'],
  ['payroll expenses', 'employee_expense'],
  ['bank fees', 'ignore'],
]);

describe('QuickBooks account categories', () => {
  it('maps an account by its own name or a section above it, case-insensitively', () => {
    expect(categorise(row('2025-01', 'Income', ['Income'], 'Managed Services', 1), accounts)).toEqual({ category: 'mrr', mapped: true });
    expect(categorise(row('2025-01', 'Expenses', ['Expenses', 'Payroll Expenses'], 'Wages', 1), accounts)).toEqual({ category: 'employee_expense', mapped: true });
  });

  it('falls back by group for unmapped accounts', () => {
    expect(categorise(row('2025-01', 'Income', [], 'Consulting', 1), accounts)).toEqual({ category: 'misc_revenue', mapped: false });
    expect(categorise(row('2025-01', 'COGS', [], 'Freight', 1), accounts)).toEqual({ category: 'product_cogs', mapped: false });
    expect(categorise(row('2025-01', 'Expenses', [], 'Travel', 1), accounts)).toEqual({ category: 'other_expenses', mapped: false });
  });

  it('sums company categories per month, keeps client rows to revenue, and names unmapped accounts', () => {
    const company = [
      row('2025-01', 'Income', [], 'Managed Services', 1000),
      row('2025-01', 'Income', [], 'Managed Services', 500.255),
      row('2025-01', 'Income', [], 'Consulting', 200),
      row('2025-01', 'Expenses', ['Expenses', 'Payroll Expenses'], 'Wages', 700),
      row('2025-01', 'Expenses', [], 'Bank fees', 15),
      row('2025-02', 'Expenses', [], 'Travel', 0),
    ];
    const client = [row('2025-01', 'Income', [], 'Managed Services', 300), row('2025-01', 'Expenses', [], 'Travel', 50)];
    const { rows, unmapped } = quickBooksRows(
      { company, customers: [{ mapping: { organization_id: 7, vendor: 'quickbooks', external_id: '3', external_name: 'Client' }, rows: client }] },
      { months: [monthPeriod(2025, 1), monthPeriod(2025, 2)], homeId: 1, accounts },
    );
    const value = (org: number, period: string, name: string) => rows.find((r) => r.organization_id === org && r.period === period && r.metric_name === name)?.value;
    expect(value(1, '2025-01', 'mrr')).toBe(1500.26);
    expect(value(1, '2025-01', 'misc_revenue')).toBe(200);
    expect(value(1, '2025-01', 'employee_expense')).toBe(700);
    expect(value(1, '2025-01', 'other_expenses')).toBe(0); // bank fees ignored
    expect(value(1, '2025-02', 'mrr')).toBe(0);
    expect(value(7, '2025-01', 'mrr')).toBe(300);
    expect(value(7, '2025-01', 'other_expenses')).toBeUndefined();
    expect(unmapped).toEqual(['Consulting']); // zero-amount Travel is not worth a mention
  });
});

describe('negative money from a QuickBooks Profit and Loss', () => {
  // A company P&L for January and February 2025 in the report's own shape: in
  // January a credit note for a cancelled project exceeds the month's project
  // invoices, a refund is booked against miscellaneous income (in parentheses,
  // as some report settings print negatives), and a software vendor's refund
  // exceeds the month's tool spend.
  const cols = (account: { value: string; id?: string }, jan: string, feb: string, total: string) => [account, { value: jan }, { value: feb }, { value: total }];
  const body = {
    Header: { ReportName: 'ProfitAndLoss', ReportBasis: 'Accrual', StartPeriod: '2025-01-01', EndPeriod: '2025-02-28', SummarizeColumnsBy: 'Month', Currency: 'USD' },
    Columns: {
      Column: [
        { ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
        { ColTitle: 'Jan 2025', ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: '2025-01-01' }, { Name: 'EndDate', Value: '2025-01-31' }, { Name: 'ColKey', Value: 'Jan 2025' }] },
        { ColTitle: 'Feb 2025', ColType: 'Money', MetaData: [{ Name: 'StartDate', Value: '2025-02-01' }, { Name: 'EndDate', Value: '2025-02-28' }, { Name: 'ColKey', Value: 'Feb 2025' }] },
        { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
      ],
    },
    Rows: {
      Row: [
        {
          type: 'Section',
          group: 'Income',
          Header: { ColData: cols({ value: 'Income' }, '', '', '') },
          Rows: {
            Row: [
              { type: 'Data', ColData: cols({ value: 'Managed Services Revenue', id: '81' }, '61250.00', '62100.00', '123350.00') },
              { type: 'Data', ColData: cols({ value: 'Project Services', id: '82' }, '-2350.00', '8640.00', '6290.00') },
              { type: 'Data', ColData: cols({ value: 'Miscellaneous Income', id: '85' }, '(150.00)', '210.00', '60.00') },
            ],
          },
          Summary: { ColData: cols({ value: 'Total Income' }, '58750.00', '70950.00', '129700.00') },
        },
        {
          type: 'Section',
          group: 'Expenses',
          Header: { ColData: cols({ value: 'Expenses' }, '', '', '') },
          Rows: {
            Row: [
              { type: 'Data', ColData: cols({ value: 'Software & Tools', id: '61' }, '-400.00', '1,180.55', '780.55') },
              { type: 'Data', ColData: cols({ value: 'Rent or Lease', id: '17' }, '1200.00', '1200.00', '2400.00') },
            ],
          },
          Summary: { ColData: cols({ value: 'Total Expenses' }, '800.00', '2380.55', '3180.55') },
        },
        { type: 'Section', group: 'NetIncome', Summary: { ColData: cols({ value: 'Net Income' }, '57950.00', '68569.45', '126519.45') } },
      ],
    },
  };

  it('parses the negative lines and stores negative categories', () => {
    const pnl = flattenProfitAndLoss(profitAndLossSchema.parse(body));
    expect(pnl.filter((r) => r.amount < 0).map((r) => [r.account, r.month, r.amount])).toEqual([
      ['Project Services', '2025-01', -2350],
      ['Miscellaneous Income', '2025-01', -150],
      ['Software & Tools', '2025-01', -400],
    ]);
    const accounts = new Map(DEMO_ACCOUNT_MAPPINGS.map((m) => [m.account_name.toLowerCase(), m.category]));
    const { rows, unmapped } = quickBooksRows({ company: pnl, customers: [] }, { months: [monthPeriod(2025, 1), monthPeriod(2025, 2)], homeId: 1, accounts });
    const value = (period: string, name: string) => rows.find((r) => r.period === period && r.metric_name === name)?.value;
    expect(value('2025-01', 'nrr')).toBe(-2350);
    expect(value('2025-01', 'misc_revenue')).toBe(-150);
    expect(value('2025-01', 'other_expenses')).toBe(800); // -400 + 1200
    expect(value('2025-02', 'other_expenses')).toBe(2380.55); // 1180.55 + 1200
    expect(value('2025-01', 'mrr')).toBe(61250);
    expect(unmapped).toEqual([]);
    // The categories add up to the report's own totals: 61250 - 2350 - 150 = 58750.
    const revenueJan = ['nrr', 'mrr', 'orr', 'product_sales', 'misc_revenue'].reduce((s, k) => s + (value('2025-01', k) ?? 0), 0);
    expect(revenueJan).toBe(58750);
  });

  it('nets a client’s credit note against its invoices, below zero when it is larger', () => {
    const accounts = new Map<string, AccountCategory>([['project services', 'nrr']]);
    const client = [row('2025-01', 'Income', [], 'Project Services', 1750), row('2025-01', 'Income', [], 'Project Services', -4100)];
    const { rows } = quickBooksRows({ company: [], customers: [{ mapping: { organization_id: 7, vendor: 'quickbooks', external_id: '3', external_name: 'Client' }, rows: client }] }, { months: [monthPeriod(2025, 1)], homeId: 1, accounts });
    expect(rows.find((r) => r.organization_id === 7 && r.metric_name === 'nrr')?.value).toBe(-2350); // 1750 - 4100
  });
});
