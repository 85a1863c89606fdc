import PDFDocument from 'pdfkit';
import { pullThroughLibrary } from './stream';
import { formatCell, type ExportColumn, type ExportSpec } from './types';

// A landscape A4 report written page by page (pdfkit): title, summary table,
// then the rows in a table whose header repeats on every page, and the page
// number in each footer. Pages are not buffered, so there is no "of N".

const MARGIN = 36;
const FONT_SIZE = 8;
const CELL_PADDING = 3;
// Long cells are cut so that one row never outgrows a page.
const MAX_CELL_CHARS = 400;

type Doc = InstanceType<typeof PDFDocument>;

export function pdfStream<Row>(spec: ExportSpec<Row>): ReadableStream<Uint8Array> {
  const columns = spec.columns.filter((c) => c.pdf !== false);
  return pullThroughLibrary(spec.rows, () => {
    const doc: Doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: spec.title, Author: 'MSP Ops Hub' } });
    const width = doc.page.width - MARGIN * 2;
    const weights = columns.map((c) => c.width ?? 14);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const widths = weights.map((w) => (w / total) * width);
    let page = 1;
    const bottom = () => doc.page.height - MARGIN - 14;

    const footer = () => {
      const y = doc.page.height - MARGIN - 8;
      doc.font('Helvetica').fontSize(7).fillColor('#64748b');
      // Writing below the bottom margin would start a new page.
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.text(`${spec.title} – page ${page}`, MARGIN, y, { width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = saved;
      doc.fillColor('#0f172a');
    };

    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
      const heights = cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - CELL_PADDING * 2 }));
      const height = Math.max(FONT_SIZE + 2, ...heights) + CELL_PADDING * 2;
      const y = doc.y;
      if (bold) doc.rect(MARGIN, y, width, height).fill('#e2e8f0').fillColor('#0f172a');
      let x = MARGIN;
      cells.forEach((text, i) => {
        doc.text(text, x + CELL_PADDING, y + CELL_PADDING, { width: widths[i]! - CELL_PADDING * 2 });
        x += widths[i]!;
      });
      doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.3).strokeColor('#cbd5e1').stroke();
      doc.x = MARGIN;
      doc.y = y + height;
      return height;
    };

    const headerCells = columns.map((c) => c.header);
    const rowHeight = (cells: string[]) => {
      doc.font('Helvetica').fontSize(FONT_SIZE);
      return Math.max(FONT_SIZE + 2, ...cells.map((t, i) => doc.heightOfString(t, { width: widths[i]! - CELL_PADDING * 2 }))) + CELL_PADDING * 2;
    };
    const newPage = () => {
      footer();
      doc.addPage();
      page += 1;
      drawRow(headerCells, true);
    };

    doc.font('Helvetica-Bold').fontSize(16).text(spec.title);
    doc.moveDown(0.5);
    for (const [label, value] of spec.summary ?? []) {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(9).text(label, MARGIN, y, { width: 200 });
      const labelBottom = doc.y;
      doc.font('Helvetica').fontSize(9).text(formatCell(value, value instanceof Date ? 'datetime' : 'string'), MARGIN + 210, y, { width: width - 210 });
      doc.y = Math.max(doc.y, labelBottom) + 2;
    }
    doc.moveDown();
    doc.x = MARGIN;
    drawRow(headerCells, true);
    let rows = 0;

    return {
      output: doc,
      write: (row: Row) => {
        const cells = columns.map((c: ExportColumn<Row>) => {
          const text = formatCell(c.value(row), c.type);
          return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
        });
        if (doc.y + rowHeight(cells) > bottom()) newPage();
        drawRow(cells, false);
        rows += 1;
      },
      finish: () => {
        if (rows === 0) doc.font('Helvetica-Oblique').fontSize(9).text('No rows.', MARGIN, doc.y + 6);
        footer();
        doc.end();
      },
    };
  });
}
