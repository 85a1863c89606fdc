import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { csvField } from './csv';
import { exportResponse, exportStream } from './response';
import { readAll } from './stream';
import type { ExportSpec } from './types';

// Every format read back by a real parser and compared with the input rows.

interface Row {
  id: number;
  hostname: string;
  found: string;
  resolvedAt: Date | null;
  notes: string | null;
}

const rows: Row[] = [
  { id: 1, hostname: 'acme-ws-01', found: '2026-11-20', resolvedAt: null, notes: 'plain' },
  { id: 2, hostname: 'birch, "legal"', found: '2026-11-21', resolvedAt: new Date('2026-11-21T10:30:00Z'), notes: 'two\r\nlines' },
  { id: 3, hostname: 'zoë-ärzte', found: '2026-11-22', resolvedAt: null, notes: null },
];

function spec(input: Iterable<Row> | AsyncIterable<Row>): ExportSpec<Row> {
  return {
    title: 'Variance report 2026-11-22',
    sheetName: 'Exceptions',
    summary: [
      ['Total exceptions', 3],
      ['Report date', '2026-11-22'],
    ],
    columns: [
      { header: 'ID', value: (r) => r.id, type: 'number', width: 6 },
      { header: 'Hostname', value: (r) => r.hostname, width: 24 },
      { header: 'Date Found', value: (r) => r.found, type: 'date' },
      { header: 'Resolved Date', value: (r) => r.resolvedAt, type: 'datetime' },
      { header: 'Notes', value: (r) => r.notes, width: 30 },
    ],
    rows: input,
  };
}

async function* slowly<T>(items: readonly T[]) {
  for (const item of items) {
    await new Promise((r) => setTimeout(r, 1));
    yield item;
  }
}

async function* generated(count: number): AsyncGenerator<Row> {
  for (let i = 1; i <= count; i++) yield { id: i, hostname: `host-${i}`, found: '2026-11-22', resolvedAt: null, notes: `row ${i}` };
}

async function pdfText(buffer: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  return { pages: text as string[], totalPages };
}

describe('CSV', () => {
  it('writes RFC 4180 with CRLF, quoting and a BOM, and reads back equal', async () => {
    const buffer = await readAll(exportStream('csv', spec(slowly(rows))));
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('ID,Hostname,Date Found,Resolved Date,Notes');
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([
      { ID: '1', Hostname: 'acme-ws-01', 'Date Found': '2026-11-20', 'Resolved Date': '', Notes: 'plain' },
      { ID: '2', Hostname: 'birch, "legal"', 'Date Found': '2026-11-21', 'Resolved Date': '2026-11-21T10:30:00.000Z', Notes: 'two\r\nlines' },
      { ID: '3', Hostname: 'zoë-ärzte', 'Date Found': '2026-11-22', 'Resolved Date': '', Notes: '' },
    ]);
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12')).toBe('-12');
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
  });

  it('an empty export is the header line alone', async () => {
    const text = (await readAll(exportStream('csv', spec([])))).toString('utf8');
    expect(parse(text.slice(1), { columns: true })).toEqual([]);
    expect(text.slice(1)).toBe('ID,Hostname,Date Found,Resolved Date,Notes\r\n');
  });
});

describe('XLSX', () => {
  it('has a summary sheet and a typed, filtered data sheet with a frozen header', async () => {
    const buffer = await readAll(exportStream('xlsx', spec(slowly(rows))));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Exceptions']);
    const summary = workbook.getWorksheet('Summary')!;
    expect(summary.getRow(2).values).toEqual([undefined, 'Report', 'Variance report 2026-11-22']);
    expect(summary.getRow(3).getCell(2).value).toBe(3);

    const sheet = workbook.getWorksheet('Exceptions')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'ID', 'Hostname', 'Date Found', 'Resolved Date', 'Notes']);
    expect(sheet.rowCount).toBe(4);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(2).width).toBe(24);
    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe(2);
    expect(second.getCell(2).value).toBe('birch, "legal"');
    expect(second.getCell(3).value).toEqual(new Date('2026-11-21T00:00:00Z'));
    expect(second.getCell(4).value).toEqual(new Date('2026-11-21T10:30:00Z'));
    // XML reads CRLF inside text back as LF.
    expect(second.getCell(5).value).toBe('two\nlines');
    expect(sheet.getRow(4).getCell(2).value).toBe('zoë-ärzte');
    expect(sheet.getRow(4).getCell(4).value).toBeNull();
  });

  it('an empty export is a workbook with the header row only', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readAll(exportStream('xlsx', spec([])))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Exceptions')!;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('ID');
  });
});

describe('PDF', () => {
  it('has the title, the summary and every row', async () => {
    const buffer = await readAll(exportStream('pdf', spec(slowly(rows))));
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, totalPages } = await pdfText(buffer);
    expect(totalPages).toBe(1);
    const text = pages.join('\n');
    for (const expected of ['Variance report 2026-11-22', 'Total exceptions', 'Hostname', 'Date Found', 'acme-ws-01', '2026-11-21T10:30:00.000Z', 'page 1']) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s+/g, ' ')).toContain('birch, "legal"');
  });

  it('repeats the header and numbers every page of a long table', async () => {
    const buffer = await readAll(exportStream('pdf', spec(generated(600))));
    const { pages, totalPages } = await pdfText(buffer);
    expect(totalPages).toBeGreaterThan(5);
    pages.forEach((page, i) => {
      expect(page).toContain('Hostname');
      expect(page).toContain(`page ${i + 1}`);
    });
    const all = pages.join('\n');
    for (const n of [1, 299, 600]) expect(all).toMatch(new RegExp(`\\bhost-${n}\\b`));
  });

  it('an empty export is a one-page document saying so', async () => {
    const { pages, totalPages } = await pdfText(await readAll(exportStream('pdf', spec([]))));
    expect(totalPages).toBe(1);
    expect(pages[0]).toContain('No rows.');
  });
});

describe('streaming', () => {
  it('reads rows only as the consumer pulls', async () => {
    let produced = 0;
    async function* counting() {
      for (let i = 1; i <= 100_000; i++) {
        produced = i;
        yield { id: i, hostname: `h${i}`, found: '2026-11-22', resolvedAt: null, notes: null } satisfies Row;
      }
    }
    const reader = exportStream('csv', spec(counting())).getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBeLessThan(2_000);
    await reader.cancel();
  });

  it('serves a download with a safe file name and the content type', async () => {
    const res = exportResponse('xlsx', spec(rows), 'variances 2026/11/22');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="variances-2026-11-22.xlsx"');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });
});
