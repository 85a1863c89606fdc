import { describe, expect, it } from 'vitest';
import type { PnlRow } from '@/lib/vendors/quickbooks/report';
import type { AccountCategory } from './config';
import { categorise, quickBooksRows } from './collect-quickbooks';
import { monthPeriod } from './periods';

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
