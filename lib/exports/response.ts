import { csvStream } from './csv';
import { pdfStream } from './pdf';
import { CONTENT_TYPES, type ExportFormat, type ExportSpec } from './types';
import { xlsxStream } from './xlsx';

// One call for route handlers: the export as a streamed download.

export function exportStream<Row>(format: ExportFormat, spec: ExportSpec<Row>): ReadableStream<Uint8Array> {
  if (format === 'csv') return csvStream(spec, { bom: true });
  if (format === 'xlsx') return xlsxStream(spec);
  return pdfStream(spec);
}

/** A file name safe in a Content-Disposition header. */
export function safeFilename(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'export';
}

export function exportResponse<Row>(format: ExportFormat, spec: ExportSpec<Row>, filenameBase: string): Response {
  const filename = `${safeFilename(filenameBase)}.${format}`;
  return new Response(exportStream(format, spec), {
    headers: {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
