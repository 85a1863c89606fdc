import PDFDocument from 'pdfkit';
import { colourLabel, formatChange, formatValue } from '@/components/qbr/format';
import type { ClientReport } from '@/lib/qbr/dto';

// The client QBR as a PDF (A4), built server-side from the same report the
// page shows: headline KPIs with comparisons, the months, and the security
// and lifecycle posture.

const MARGIN = 50;

/** The standard PDF fonts cover WinAnsi only: spell out the few signs outside it. */
const pdfSafe = (text: string): string => text.replace(/\u2212/g, '-').replace(/±/g, '+/-').replace(/≥/g, '>=').replace(/≤/g, '<=');

export async function renderClientReportPdf(report: ClientReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `QBR ${report.organization.name} ${report.period}`, Author: 'MSP Ops Hub' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(18).text(`Quarterly business review: ${report.organization.name}`);
  doc.font('Helvetica').fontSize(10).fillColor('#475569').text(`${report.period_kind === 'quarter' ? 'Quarter' : 'Month'} ${report.period}, compared with ${report.previous_period} and ${report.last_year_period}. Generated ${report.generated_at.slice(0, 10)}.`);
  const stale = report.freshness.sources.filter((s) => s.is_stale && s.source !== 'metrics');
  if (stale.length > 0) doc.moveDown(0.5).fillColor('#92400e').text(`Data may be out of date: ${stale.map((s) => `${s.source} – ${s.reason}`).join(' ')}`);
  doc.fillColor('#0f172a').moveDown();

  const columns = [
    { title: 'Measure', x: 0, w: 0.38 },
    { title: report.period, x: 0.38, w: 0.14 },
    { title: `vs ${report.previous_period}`, x: 0.52, w: 0.15 },
    { title: `vs ${report.last_year_period}`, x: 0.67, w: 0.15 },
    { title: 'Status', x: 0.82, w: 0.18 },
  ];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    let height = 0;
    cells.forEach((text, i) => {
      const c = columns[i]!;
      height = Math.max(height, doc.heightOfString(pdfSafe(text), { width: c.w * width - 6 }));
      doc.text(pdfSafe(text), MARGIN + c.x * width, y, { width: c.w * width - 6 });
    });
    doc.x = MARGIN;
    doc.y = y + height + 4;
  };

  doc.font('Helvetica-Bold').fontSize(13).text('Service and value');
  doc.moveDown(0.3);
  row(columns.map((c) => c.title), true);
  for (const k of report.kpis) {
    row([k.label, formatValue(k.value, k.unit), formatChange(k.value, k.previous, k.unit) ?? 'n/a', formatChange(k.value, k.last_year, k.unit) ?? 'n/a', k.threshold ? colourLabel(k.colour) : '—']);
  }

  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('By month');
  doc.moveDown(0.3);
  const monthColumns = ['Month', 'Endpoints', 'Seats', 'Tickets', 'Hours', 'SLA', 'Response', 'Revenue'];
  const mw = width / monthColumns.length;
  const monthRow = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((text, i) => doc.text(pdfSafe(text), MARGIN + i * mw, y, { width: mw - 4 }));
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  monthRow(monthColumns, true);
  for (const m of report.months) {
    monthRow([m.period, formatValue(m.endpoints, 'count'), formatValue(m.seats, 'count'), formatValue(m.tickets, 'count'), formatValue(m.hours, 'hours'), formatValue(m.sla_attainment_pct, 'ratio'), formatValue(m.avg_response_hours, 'hours'), formatValue(m.revenue, 'money')]);
  }

  const { windows11, threatlocker, drupal } = report.posture;
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).text('Security and lifecycle');
  doc.font('Helvetica').fontSize(10);
  doc.text(`Windows 11 24H2 readiness: ${windows11.compatible} of ${windows11.assessed} Windows workstations ready, ${windows11.remediable} fixable, ${windows11.incompatible} incompatible, ${windows11.unknown} need review${windows11.as_of ? ` (as of ${windows11.as_of})` : ''}.`);
  doc.text(`Devices missing ThreatLocker: ${threatlocker.open_missing}${threatlocker.hostnames.length ? ` (${threatlocker.hostnames.slice(0, 20).join(', ')}${threatlocker.hostnames.length > 20 ? ', …' : ''})` : ''}.`);
  doc.text(`Drupal sites: ${drupal.sites}, of which ${drupal.sites_with_security_updates} have security updates pending (${drupal.security_updates} updates).`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
