// What every export format is built from: columns that know how to read a
// value from a row, an optional summary, and the rows as an async iterable so
// that a large export never has to sit in memory.

export type CellValue = string | number | boolean | Date | null | undefined;

export type ColumnType = 'string' | 'number' | 'date' | 'datetime' | 'boolean';

export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** How spreadsheets type the cell; CSV and PDF format it as text. Default 'string'. */
  type?: ColumnType;
  /** Width in characters (XLSX) and relative weight (PDF). Default 14. */
  width?: number;
  /** Leave the column out of the PDF, where space is short (long JSON, for example). */
  pdf?: boolean;
}

export interface ExportSpec<Row> {
  /** Title of the PDF and the summary sheet. */
  title: string;
  /** Name of the data sheet. Default 'Data'. */
  sheetName?: string;
  columns: readonly ExportColumn<Row>[];
  /** Label/value pairs shown before the rows (PDF) or on the summary sheet (XLSX). */
  summary?: readonly (readonly [string, CellValue])[];
  rows: AsyncIterable<Row> | Iterable<Row>;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Dates as YYYY-MM-DD, instants as ISO 8601 UTC: unambiguous in every locale. */
export function formatCell(value: CellValue, type: ColumnType = 'string'): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return type === 'date' ? `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}` : value.toISOString();
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}
