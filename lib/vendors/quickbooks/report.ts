// The QuickBooks Profit and Loss report (summarize_column_by=Month) as flat
// rows: one per account and month. The report nests Sections (Income, COGS,
// Expenses, …) whose Rows hold Data rows and, for accounts with
// sub-accounts, further Sections; amounts are strings, "" meaning nothing.

import { z } from 'zod';

export type QbColData = { value?: string | undefined; id?: string | undefined };
export type QbReportRow = {
  type?: string | undefined;
  group?: string | undefined;
  ColData?: QbColData[] | undefined;
  Header?: { ColData?: QbColData[] | undefined } | undefined;
  Rows?: { Row?: QbReportRow[] | undefined } | undefined;
  Summary?: { ColData?: QbColData[] | undefined } | undefined;
};

const nameValue = z.object({ Name: z.string(), Value: z.string().optional() });
const colData = z.object({ value: z.string().optional(), id: z.string().optional() });
/** Summary lines are totals: a label and amounts, no account id. */
const summaryData = z.object({ value: z.string().optional() });
const rowSchema: z.ZodType<QbReportRow> = z.lazy(() =>
  z.object({
    type: z.string().optional(),
    group: z.string().optional(),
    ColData: z.array(colData).optional(),
    Header: z.object({ ColData: z.array(colData).optional() }).optional(),
    Rows: z.object({ Row: z.array(rowSchema).optional() }).optional(),
    Summary: z.object({ ColData: z.array(summaryData).optional() }).optional(),
  }),
);

export const profitAndLossSchema = z.object({
  Header: z.object({
    ReportName: z.string().optional(),
    ReportBasis: z.string().optional(),
    StartPeriod: z.string().optional(),
    EndPeriod: z.string().optional(),
    SummarizeColumnsBy: z.string().optional(),
    Currency: z.string().optional(),
    Option: z.array(nameValue).optional(),
  }),
  Columns: z.object({
    Column: z.array(z.object({ ColTitle: z.string().optional(), ColType: z.string().optional(), MetaData: z.array(nameValue).optional() })),
  }),
  Rows: z.object({ Row: z.array(rowSchema).optional() }).optional(),
});
export type ProfitAndLossReport = z.infer<typeof profitAndLossSchema>;

export type PnlRow = {
  /** `YYYY-MM` of the column's start date. */
  month: string;
  /** The top-level QuickBooks group: Income, COGS, Expenses, OtherIncome, OtherExpenses. */
  group: string | null;
  /** Section titles from the top down, e.g. ["Expenses", "Payroll Expenses"]. */
  section: string[];
  account: string;
  accountId: string | null;
  /** In the report currency, rounded to cents. */
  amount: number;
};

export class ReportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFormatError';
  }
}

/**
 * Rounds to cents half away from zero, so a credit note rounds exactly like
 * the invoice it reverses (Math.round alone sends -0.5 up, to 0); never -0.
 */
export const roundCents = (n: number): number => (Math.sign(n) * Math.round(Math.abs(n) * 100)) / 100 + 0;

/** "1,234.50", "-12.00", "(12.00)" or "" → number; throws on anything else. Credit notes, refunds and reversals are negative. */
export function parseAmount(value: string | undefined): number {
  const raw = (value ?? '').trim().replace(/,/g, '');
  if (raw === '') return 0;
  const negative = /^\(.*\)$/.test(raw);
  const n = Number(negative ? raw.slice(1, -1) : raw);
  if (!Number.isFinite(n)) throw new ReportFormatError(`Not an amount: "${value}"`);
  return roundCents(negative ? -n : n);
}

function meta(column: { MetaData?: { Name: string; Value?: string | undefined }[] | undefined }, name: string): string | undefined {
  return column.MetaData?.find((m) => m.Name === name)?.Value;
}

/** Flattens a monthly P&L into account rows; summaries (totals, gross profit, net income) are left out. */
export function flattenProfitAndLoss(report: ProfitAndLossReport): PnlRow[] {
  const monthColumns: { index: number; month: string }[] = [];
  report.Columns.Column.forEach((column, index) => {
    const start = meta(column, 'StartDate');
    const key = meta(column, 'ColKey');
    if (column.ColType === 'Money' && start && key !== 'total' && /^\d{4}-\d{2}/.test(start)) monthColumns.push({ index, month: start.slice(0, 7) });
  });
  if (monthColumns.length === 0 && (report.Rows?.Row?.length ?? 0) > 0) {
    throw new ReportFormatError('The report has no month columns; request it with summarize_column_by=Month');
  }

  const out: PnlRow[] = [];
  const emit = (cells: QbColData[], group: string | null, section: string[]) => {
    const first = cells[0];
    const account = first?.value?.trim();
    if (!account) return;
    for (const { index, month } of monthColumns) {
      out.push({ month, group, section, account, accountId: first?.id ?? null, amount: parseAmount(cells[index]?.value) });
    }
  };

  const walk = (rows: readonly QbReportRow[], group: string | null, section: string[]) => {
    for (const row of rows) {
      const rowGroup = group ?? row.group ?? null;
      if (row.Rows || row.Header || row.type === 'Section') {
        const header = row.Header?.ColData;
        const title = header?.[0]?.value?.trim();
        // A parent account with its own postings carries them on its header line.
        if (header && header[0]?.id && monthColumns.some(({ index }) => (header[index]?.value ?? '').trim() !== '')) emit(header, rowGroup, section);
        walk(row.Rows?.Row ?? [], rowGroup, title ? [...section, title] : section);
      } else if (row.ColData) {
        emit(row.ColData, rowGroup, section);
      }
    }
  };
  walk(report.Rows?.Row ?? [], null, []);
  return out;
}
