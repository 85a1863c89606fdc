import { pullText } from './stream';
import { formatCell, type CellValue, type ExportSpec } from './types';

// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
// line break, quotes doubled. Optionally a UTF-8 byte-order mark, without
// which Excel reads UTF-8 files as the local code page.

const NEEDS_QUOTES = /[",\r\n]/;
// A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly CellValue[], types: readonly (string | undefined)[] = []): string {
  return `${values.map((v, i) => csvField(formatCell(v, (types[i] ?? 'string') as never))).join(',')}\r\n`;
}

export function csvStream<Row>(spec: ExportSpec<Row>, options: { bom?: boolean } = {}): ReadableStream<Uint8Array> {
  const types = spec.columns.map((c) => c.type);
  return pullText(spec.rows, {
    head: () => `${options.bom ? '\uFEFF' : ''}${csvLine(spec.columns.map((c) => c.header))}`,
    row: (row) => csvLine(spec.columns.map((c) => c.value(row)), types),
  });
}
