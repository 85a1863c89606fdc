import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { pullThroughLibrary } from './stream';
import type { CellValue, ColumnType, ExportColumn, ExportSpec } from './types';

// A real .xlsx written row by row (exceljs' streaming writer): a summary sheet,
// then the data sheet with typed cells, a frozen header row, an auto filter
// and column widths.

const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
// Excel's limit per cell; longer text makes the file unreadable.
const MAX_TEXT = 32_767;

function typedValue(value: CellValue, type: ColumnType = 'string'): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : String(value);
  }
  if (type === 'date' || type === 'datetime') {
    const d = value instanceof Date ? value : typeof value === 'string' ? new Date(type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : null;
    return d && !Number.isNaN(d.getTime()) ? d : String(value);
  }
  if (type === 'boolean') return typeof value === 'boolean' ? value : String(value);
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Data';
}

export function xlsxStream<Row>(spec: ExportSpec<Row>): ReadableStream<Uint8Array> {
  const columns: readonly ExportColumn<Row>[] = spec.columns;
  return pullThroughLibrary(spec.rows, () => {
    const output = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    workbook.creator = 'MSP Ops Hub';
    workbook.created = new Date();

    const summary = workbook.addWorksheet('Summary');
    summary.columns = [
      { header: 'Item', key: 'item', width: 32 },
      { header: 'Value', key: 'value', width: 40 },
    ];
    summary.getRow(1).font = { bold: true };
    summary.addRow(['Report', spec.title]).commit();
    for (const [label, value] of spec.summary ?? []) summary.addRow([label, typedValue(value, typeof value === 'number' ? 'number' : value instanceof Date ? 'datetime' : 'string')]).commit();
    summary.commit();

    const sheet = workbook.addWorksheet(sheetName(spec.sheetName ?? 'Data'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      header: c.header,
      key: `c${i}`,
      width: c.width ?? 14,
      style: c.type === 'date' ? { numFmt: DATE_FORMAT } : c.type === 'datetime' ? { numFmt: DATETIME_FORMAT } : {},
    }));
    sheet.autoFilter = { from: 'A1', to: `${columnLetter(Math.max(0, columns.length - 1))}1` };
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.commit();
    return {
      output,
      write: (row: Row) => sheet.addRow(columns.map((c) => typedValue(c.value(row), c.type))).commit(),
      finish: async () => {
        sheet.commit();
        await workbook.commit();
      },
    };
  });
}
