import ExcelJS from 'exceljs';

// Summary downloads: CSV (RFC 4180) and Excel with typed cells and a frozen
// header row. Columns declare their type so that numbers, dates and yes/no
// values stay what they are in a spreadsheet.

export type ColumnType = 'text' | 'number' | 'date' | 'boolean';
export type Column<T> = { header: string; type: ColumnType; width?: number; value: (row: T) => string | number | boolean | null };

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function textOf(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(textOf(c.value(row)))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MSP Ops Hub';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        if (value === null) return null;
        if (c.type === 'date' && typeof value === 'string') return new Date(value);
        if (c.type === 'number') return Number(value);
        if (c.type === 'boolean') return Boolean(value);
        return String(value);
      }),
    );
  }
  columns.forEach((c, i) => {
    if (c.type === 'date') sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function downloadResponse<T>(format: 'csv' | 'xlsx', baseName: string, columns: Column<T>[], rows: T[]): Promise<Response> {
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') {
    return new Response(toCsv(columns, rows), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${baseName}-${stamp}.csv"` },
    });
  }
  const body = await toXlsx(baseName, columns, rows);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${baseName}-${stamp}.xlsx"`,
    },
  });
}
