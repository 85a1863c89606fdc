import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as csvRoute from '@/app/api/variances/export/csv/route';
import * as excelRoute from '@/app/api/variances/export/excel/route';
import * as listRoute from '@/app/api/variances/export/exceptions/route';
import * as pdfRoute from '@/app/api/variances/export/pdf/route';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { CHECK_DATE, EARLIER_DATE, seedExceptions, type SeededException } from './helpers';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let seeded: SeededException[];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  seeded = await seedExceptions(database.db, world);
  tokens.root = await bearerFor(database.db, world.superuser.id);
  tokens.viewerA = await bearerFor(database.db, world.viewerA.id);
  tokens.adminB = await bearerFor(database.db, world.adminB.id);
});
afterAll(() => database.drop());

async function download(handler: typeof csvRoute.GET, path: string, token: string) {
  const res = await handler(new Request(`http://localhost${path}`, { headers: { authorization: token } }), { params: Promise.resolve({}) });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const csvRows = (body: Buffer) => parse(body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

describe('GET /api/variances/export/csv', () => {
  it('exports the latest report with the original columns, unresolved only by default', async () => {
    const res = await download(csvRoute.GET, '/api/variances/export/csv', tokens.root!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="variances-${CHECK_DATE}.csv"`);
    const rows = csvRows(res.body);
    expect(Object.keys(rows[0]!)).toEqual([
      'ID', 'Date Found', 'Type', 'Hostname', 'Resolved', 'Resolved Date', 'Resolved By', 'Manually Updated At', 'Manually Updated By', 'Variance Status', 'Update Type', 'Organization', 'Details',
    ]);
    const expected = seeded.filter((s) => !s.resolved);
    expect(rows.map((r) => Number(r.ID)).sort((a, b) => a - b)).toEqual(expected.map((s) => s.id).sort((a, b) => a - b));
    const spare = rows.find((r) => r.Hostname === 'b-ws-02')!;
    expect(spare).toMatchObject({ Type: 'SPARE_MISMATCH', Resolved: 'No', Organization: 'Tenant B', 'Variance Status': 'active', 'Date Found': CHECK_DATE });
    expect(JSON.parse(spare.Details!)).toEqual({ ninja_org_name: 'Tenant B', note: 'spare, "in a drawer", with comma' });
    expect(rows.find((r) => r.Hostname === 'orphan-01')!.Organization).toBe('Unmapped Client');
  });

  it('takes include_resolved, type (or variance_type) and date as the original did', async () => {
    const all = csvRows((await download(csvRoute.GET, '/api/variances/export/csv?include_resolved=true', tokens.root!)).body);
    expect(all).toHaveLength(seeded.length);
    const resolved = all.find((r) => r.Hostname === 'a-srv-04')!;
    expect(resolved).toMatchObject({ Resolved: 'Yes', 'Resolved Date': '2026-11-20T15:00:00.000Z', 'Resolved By': 'root@example.test', 'Variance Status': 'manually_fixed' });

    const typed = await download(csvRoute.GET, '/api/variances/export/csv?variance_type=MISSING_NINJA', tokens.root!);
    expect(typed.headers.get('content-disposition')).toContain(`variances-MISSING_NINJA-${CHECK_DATE}.csv`);
    expect(csvRows(typed.body).map((r) => r.Hostname).sort()).toEqual(['a-ws-01', 'a-ws-02', 'orphan-01']);

    const earlier = csvRows((await download(csvRoute.GET, `/api/variances/export/csv?date=${EARLIER_DATE}`, tokens.root!)).body);
    expect(earlier.map((r) => r.Hostname).sort()).toEqual(['a-ws-01', 'b-ws-01']);
  });

  it('keeps a tenant to its own organisation', async () => {
    const rows = csvRows((await download(csvRoute.GET, '/api/variances/export/csv?include_resolved=true', tokens.viewerA!)).body);
    expect(rows.map((r) => r.Hostname).sort()).toEqual(['a-lt-03', 'a-srv-04', 'a-ws-01', 'a-ws-02']);
    const other = csvRows((await download(csvRoute.GET, `/api/variances/export/csv?organization_id=${world.orgA}`, tokens.adminB!)).body);
    expect(other).toEqual([]);
  });

  it('answers 404 for a day without a report, 422 for bad parameters, 401 without credentials', async () => {
    expect((await call(csvRoute.GET, '/api/variances/export/csv?date=2026-01-01', { headers: { authorization: tokens.root! } })).status).toBe(404);
    const bad = await call(csvRoute.GET, '/api/variances/export/csv?date=2026-13-01&type=NOPE', { headers: { authorization: tokens.root! } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toBe('validation_failed');
    expect((await call(csvRoute.GET, '/api/variances/export/csv')).status).toBe(401);
  });

  it('an empty selection is a valid file with the header only', async () => {
    const res = await download(csvRoute.GET, '/api/variances/export/csv?type=SITE_MISMATCH', tokens.root!);
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^ID,Date Found,Type/);
    expect(csvRows(res.body)).toEqual([]);
  });
});

describe('GET /api/variances/export/excel and /pdf', () => {
  it('writes the Summary and Exceptions sheets with typed cells', async () => {
    const res = await download(excelRoute.GET, '/api/variances/export/excel?include_resolved=true', tokens.root!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`variances-${CHECK_DATE}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Exceptions']);
    const summary = Object.fromEntries(workbook.getWorksheet('Summary')!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(summary).toMatchObject({ 'Report date': CHECK_DATE, 'Total exceptions': seeded.length, Unresolved: seeded.length - 1, Resolved: 1, MISSING_NINJA: 3 });
    const sheet = workbook.getWorksheet('Exceptions')!;
    expect(sheet.rowCount).toBe(seeded.length + 1);
    const ids: number[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      expect(typeof row.getCell(1).value).toBe('number');
      expect(row.getCell(2).value).toBeInstanceOf(Date);
      ids.push(row.getCell(1).value as number);
    });
    expect(ids.sort((a, b) => a - b)).toEqual(seeded.map((s) => s.id).sort((a, b) => a - b));
  });

  it('writes a PDF with the summary and a row per exception', async () => {
    const res = await download(pdfRoute.GET, '/api/variances/export/pdf', tokens.root!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.body)), { mergePages: true });
    expect(text).toContain(`Variance report ${CHECK_DATE}`);
    expect(text).toContain('Total exceptions');
    for (const s of seeded.filter((x) => !x.resolved)) expect(text).toContain(s.hostname);
    expect(text).not.toContain('a-srv-04');
  });
});

describe('GET /api/variances/export/exceptions', () => {
  it('exports the work list with its filters, in the caller’s scope', async () => {
    const res = await download(listRoute.GET, '/api/variances/export/exceptions?format=csv&status=all&q=a-&sort=hostname&dir=asc', tokens.root!);
    expect(res.status).toBe(200);
    expect(csvRows(res.body).map((r) => r.Hostname)).toEqual(['a-lt-03', 'a-srv-04', 'a-ws-01', 'a-ws-02']);
    const scoped = await download(listRoute.GET, '/api/variances/export/exceptions?format=csv&status=all', tokens.adminB!);
    expect(csvRows(scoped.body).map((r) => r.Hostname).sort()).toEqual(['b-ws-01', 'b-ws-02']);
  });

  it('falls back to defaults for bad filters but refuses an unknown format', async () => {
    const res = await download(listRoute.GET, '/api/variances/export/exceptions?format=xlsx&status=bogus&type=NOPE', tokens.root!);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Exceptions')!.rowCount).toBe(seeded.filter((s) => !s.resolved).length + 1);
    expect((await call(listRoute.GET, '/api/variances/export/exceptions?format=doc', { headers: { authorization: tokens.root! } })).status).toBe(422);
  });
});
