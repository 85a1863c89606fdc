import { ACCOUNTS, type AccountKey, type QbData } from './quickbooks-data';

// The monthly Profit and Loss report as QuickBooks sends it, built from the
// simulator's ledger: income, cost of goods, payroll and other expenses per
// month, with section totals, for the whole company or one customer.

const money = (n: number) => n.toFixed(2);
const timeStamp = () => new Date().toISOString();

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function buildProfitAndLoss(data: QbData, startDate: string, endDate: string, customerId: string | null, method: string) {
  const months: { key: string; start: string; end: string; title: string }[] = [];
  for (let y = Number(startDate.slice(0, 4)), mo = Number(startDate.slice(5, 7)); `${y}-${String(mo).padStart(2, '0')}` <= endDate.slice(0, 7); mo === 12 ? ((y += 1), (mo = 1)) : (mo += 1)) {
    const key = `${y}-${String(mo).padStart(2, '0')}`;
    const last = new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
    months.push({ key, start: key === startDate.slice(0, 7) ? startDate : `${key}-01`, end: last < endDate ? last : endDate, title: `${MONTH_NAMES[mo - 1]} ${y}` });
  }
  const totals = new Map<string, number>(); // `${account}|${month}`
  for (const p of data.postings) {
    if (customerId !== null && p.customerId !== customerId) continue;
    const k = `${p.account}|${p.month}`;
    totals.set(k, (totals.get(k) ?? 0) + p.amount);
  }
  const amount = (account: AccountKey, month: string) => Math.round((totals.get(`${account}|${month}`) ?? 0) * 100) / 100;
  const sumOf = (accounts: readonly AccountKey[], month: string) => Math.round(accounts.reduce((s, a) => s + amount(a, month), 0) * 100) / 100;
  const cells = (values: number[], blankZero: boolean) => [...values, Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100].map((v) => ({ value: blankZero && v === 0 ? '' : money(v) }));
  const perMonth = (f: (month: string) => number) => months.map((m) => f(m.key));
  const dataRow = (key: AccountKey) => ({ ColData: [{ value: ACCOUNTS[key].name, id: ACCOUNTS[key].id }, ...cells(perMonth((m) => amount(key, m)), true)], type: 'Data' });
  const summary = (title: string, values: number[]) => ({ ColData: [{ value: title }, ...cells(values, false)] });
  const header = (title: string) => ({ ColData: [{ value: title }, ...months.map(() => ({ value: '' })), { value: '' }] });

  const income: AccountKey[] = ['managed', 'project', 'cloud', 'hardware', 'misc'];
  const cogs: AccountKey[] = ['hardwareCost', 'licenceCost'];
  const payroll: AccountKey[] = ['wages', 'payrollTaxes'];
  const otherExpenses: AccountKey[] = ['ownerComp', 'ownerTaxes', 'tools', 'rent'];
  const incomeTotal = perMonth((m) => sumOf(income, m));
  const cogsTotal = perMonth((m) => sumOf(cogs, m));
  const expenseTotal = perMonth((m) => sumOf([...payroll, ...otherExpenses], m));
  const gross = incomeTotal.map((v, i) => v - cogsTotal[i]!);
  const net = gross.map((v, i) => v - expenseTotal[i]!);
  const hasExpenses = expenseTotal.some((v) => v !== 0);

  const rows: unknown[] = [
    { Header: header('Income'), Rows: { Row: income.map(dataRow) }, Summary: summary('Total Income', incomeTotal), type: 'Section', group: 'Income' },
    { Header: header('Cost of Goods Sold'), Rows: { Row: cogs.map(dataRow) }, Summary: summary('Total Cost of Goods Sold', cogsTotal), type: 'Section', group: 'COGS' },
    { Summary: summary('Gross Profit', gross), type: 'Section', group: 'GrossProfit' },
  ];
  if (hasExpenses) {
    rows.push({
      Header: header('Expenses'),
      Rows: {
        Row: [
          {
            Header: { ColData: [{ value: 'Payroll Expenses', id: '60' }, ...months.map(() => ({ value: '' })), { value: '' }] },
            Rows: { Row: payroll.map(dataRow) },
            Summary: summary('Total Payroll Expenses', perMonth((m) => sumOf(payroll, m))),
            type: 'Section',
          },
          ...otherExpenses.map(dataRow),
        ],
      },
      Summary: summary('Total Expenses', expenseTotal),
      type: 'Section',
      group: 'Expenses',
    });
  }
  rows.push({ Summary: summary('Net Operating Income', net), type: 'Section', group: 'NetOperatingIncome' });
  rows.push({ Summary: summary('Net Income', net), type: 'Section', group: 'NetIncome' });

  const noData = incomeTotal.every((v) => v === 0) && !hasExpenses;
  return {
    Header: {
      Time: timeStamp(),
      ReportName: 'ProfitAndLoss',
      ReportBasis: method,
      StartPeriod: startDate,
      EndPeriod: endDate,
      SummarizeColumnsBy: 'Month',
      Currency: 'USD',
      ...(customerId !== null ? { Customer: customerId } : {}),
      Option: [
        { Name: 'AccountingStandard', Value: 'GAAP' },
        { Name: 'NoReportData', Value: String(noData) },
      ],
    },
    Columns: {
      Column: [
        { ColTitle: '', ColType: 'Account', MetaData: [{ Name: 'ColKey', Value: 'account' }] },
        ...months.map((m) => ({
          ColTitle: m.title,
          ColType: 'Money',
          MetaData: [
            { Name: 'StartDate', Value: m.start },
            { Name: 'EndDate', Value: m.end },
            { Name: 'ColKey', Value: m.title },
          ],
        })),
        { ColTitle: 'Total', ColType: 'Money', MetaData: [{ Name: 'ColKey', Value: 'total' }] },
      ],
    },
    Rows: noData ? {} : { Row: rows },
  };
}
