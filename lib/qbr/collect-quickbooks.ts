// QuickBooks → monthly QBR money. The company-wide Profit and Loss by month
// feeds the MSP's revenue and expense categories; the same report filtered
// by customer feeds each mapped client's revenue. Accounts map to categories
// by configuration (an account, or any section above it); what is not mapped
// falls into misc_revenue, product_cogs or other_expenses, and the run says
// which accounts those were.

import type { VendorMappingRow } from '@/db/queries/qbr/config';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';
import type { QuickBooksClient } from '@/lib/vendors/quickbooks/client';
import { roundCents, type PnlRow } from '@/lib/vendors/quickbooks/report';
import type { AccountCategory } from './schemas';
import type { MonthPeriod } from './model/periods';
import { EXPENSE_CATEGORIES, REVENUE_CATEGORIES } from './model/smartnumbers';

export const QUICKBOOKS_METRICS = [...REVENUE_CATEGORIES, ...EXPENSE_CATEGORIES] as const;

export type QuickBooksFetch = { company: PnlRow[]; customers: { mapping: VendorMappingRow; rows: PnlRow[] }[] };

export async function fetchQuickBooks(
  client: QuickBooksClient,
  input: { months: readonly MonthPeriod[]; mappings: readonly VendorMappingRow[] },
  onStep?: (what: string) => Promise<void>,
): Promise<QuickBooksFetch> {
  const from = input.months[0]!.key;
  const to = input.months[input.months.length - 1]!.key;
  await onStep?.('company profit and loss');
  const company = await client.getProfitAndLossByMonth({ from, to });
  const customers: QuickBooksFetch['customers'] = [];
  for (const mapping of input.mappings) {
    await onStep?.(`profit and loss for ${mapping.external_name ?? mapping.external_id}`);
    customers.push({ mapping, rows: await client.getProfitAndLossByMonth({ from, to, customerId: mapping.external_id }) });
  }
  return { company, customers };
}

const INCOME_GROUPS = new Set(['income', 'otherincome']);
const COGS_GROUPS = new Set(['cogs', 'costofgoodssold']);

/** The category of one P&L row, and whether it came from the configured mapping. */
export function categorise(row: PnlRow, accounts: ReadonlyMap<string, AccountCategory>): { category: AccountCategory; mapped: boolean } {
  for (const name of [row.account, ...[...row.section].reverse()]) {
    const c = accounts.get(name.toLowerCase());
    if (c) return { category: c, mapped: true };
  }
  const group = (row.group ?? row.section[0] ?? '').replace(/[^a-z]/gi, '').toLowerCase();
  if (INCOME_GROUPS.has(group)) return { category: 'misc_revenue', mapped: false };
  if (COGS_GROUPS.has(group)) return { category: 'product_cogs', mapped: false };
  return { category: 'other_expenses', mapped: false };
}

function sumByCategory(rows: readonly PnlRow[], accounts: ReadonlyMap<string, AccountCategory>, onlyIncome: boolean) {
  const sums = new Map<string, number>();
  const unmapped = new Set<string>();
  for (const r of rows) {
    const { category, mapped } = categorise(r, accounts);
    if (category === 'ignore') continue;
    const isRevenue = (REVENUE_CATEGORIES as readonly string[]).includes(category);
    if (onlyIncome && !isRevenue) continue;
    if (!mapped && r.amount !== 0) unmapped.add(r.account);
    sums.set(`${r.month}|${category}`, (sums.get(`${r.month}|${category}`) ?? 0) + r.amount);
  }
  return { sums, unmapped: [...unmapped].sort() };
}

/** Company categories on the home organisation; revenue categories on each mapped client. */
export function quickBooksRows(data: QuickBooksFetch, input: { months: readonly MonthPeriod[]; homeId: number; accounts: ReadonlyMap<string, AccountCategory> }): { rows: NewMonthlyRow[]; unmapped: string[] } {
  const rows: NewMonthlyRow[] = [];
  const company = sumByCategory(data.company, input.accounts, false);
  const note = (unmapped: string[]) => (unmapped.length > 0 ? `QuickBooks P&L; unmapped accounts: ${unmapped.join(', ')}` : 'QuickBooks P&L');
  for (const m of input.months) {
    for (const c of QUICKBOOKS_METRICS) rows.push({ organization_id: input.homeId, period: m.key, metric_name: c, value: roundCents(company.sums.get(`${m.key}|${c}`) ?? 0), notes: note(company.unmapped) });
  }
  const unmapped = new Set(company.unmapped);
  for (const { mapping, rows: pnl } of data.customers) {
    if (mapping.organization_id === input.homeId) continue;
    const client = sumByCategory(pnl, input.accounts, true);
    client.unmapped.forEach((a) => unmapped.add(a));
    for (const m of input.months) {
      for (const c of REVENUE_CATEGORIES) rows.push({ organization_id: mapping.organization_id, period: m.key, metric_name: c, value: roundCents(client.sums.get(`${m.key}|${c}`) ?? 0), notes: `${note(client.unmapped)} (customer ${mapping.external_id})` });
    }
  }
  return { rows, unmapped: [...unmapped].sort() };
}
