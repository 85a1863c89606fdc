import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, type Column } from './exports';

type Row = { name: string; count: number; when: string | null; ok: boolean };
const columns: Column<Row>[] = [
  { header: 'Name', type: 'text', value: (r) => r.name },
  { header: 'Count', type: 'number', value: (r) => r.count },
  { header: 'When', type: 'date', value: (r) => r.when },
  { header: 'OK', type: 'boolean', value: (r) => r.ok },
];
const rows: Row[] = [
  { name: 'plain', count: 3, when: '2026-01-02T03:04:05.000Z', ok: true },
  { name: 'has "quotes", commas\nand lines', count: 0.5, when: null, ok: false },
];

describe('exports', () => {
  it('writes RFC 4180 CSV: CRLF, quoted fields with doubled quotes', () => {
    expect(toCsv(columns, rows)).toBe(
      'Name,Count,When,OK\r\nplain,3,2026-01-02T03:04:05.000Z,yes\r\n"has ""quotes"", commas\nand lines",0.5,,no\r\n',
    );
  });

  it('writes Excel with typed cells and a frozen header', async () => {
    const workbook = new ExcelJS.Workbook();
    const file = await toXlsx('Report', columns, rows);
    await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Count', 'When', 'OK']);
    expect(sheet.getCell('B2').value).toBe(3);
    expect(sheet.getCell('C2').value).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(sheet.getCell('D3').value).toBe(false);
    expect(sheet.getCell('C3').value).toBeNull();
  });
});
