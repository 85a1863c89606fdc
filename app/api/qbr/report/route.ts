import { methods, route } from '@/lib/http/route';
import { getClientReport, smartnumbersQuerySchema } from '@/lib/qbr';
import { renderClientReportPdf } from './report-pdf';

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/qbr/report', {
  // GET /api/qbr/report – the client QBR as a PDF download
  GET: route({
    query: smartnumbersQuerySchema,
    handler: async ({ ctx, query }) => {
      const report = await getClientReport(ctx, query);
      const pdf = await renderClientReportPdf(report);
      return new Response(new Uint8Array(pdf), {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="qbr-${slug(report.organization.name)}-${report.period}.pdf"`,
          'Content-Length': String(pdf.length),
        },
      });
    },
  }),
});
