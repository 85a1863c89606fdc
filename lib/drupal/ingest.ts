import crypto from 'node:crypto';
import { findModuleReportByKey, insertModuleReport } from '@/db/queries/drupal/module-reports';
import { recordAudit } from '@/lib/core/audit';
import { actorLabel } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { queueingTransaction, queueRun } from '@/lib/jobs';
import type { AcceptedReport, ReportCounts } from './dto';
import { applyReportsJob } from './jobs';
import { parseModuleReport, type ReportEntry, type ReportFormat } from './model/report-parsers';
import { requireSite } from './sites';

// Accepting a module report: parse it to answer what was accepted, store it
// durably, and queue its processing in the same transaction, so a report is
// either stored and queued, or neither. Applying it is the worker's job.

export const MAX_REPORT_BODY_BYTES = 5 * 1024 * 1024;

export function countEntries(entries: ReportEntry[]): ReportCounts {
  return {
    projects: entries.length,
    core: entries.filter((e) => e.type === 'core').length,
    modules: entries.filter((e) => e.type === 'module').length,
    themes: entries.filter((e) => e.type === 'theme').length,
    custom: entries.filter((e) => e.type === 'custom').length,
    without_version: entries.filter((e) => e.version === null).length,
    disabled: entries.filter((e) => !e.enabled).length,
  };
}

const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,200}$/;

export async function acceptModuleReport(
  ctx: RequestContext,
  siteId: number,
  body: unknown,
  meta: { sizeBytes: number; idempotencyKey: string | null },
): Promise<AcceptedReport> {
  const site = await requireSite(ctx, siteId, 'site:report');
  if (meta.idempotencyKey !== null && !idempotencyKeyPattern.test(meta.idempotencyKey)) {
    throw new AppError('validation_failed', 'Idempotency-Key must be 1–200 characters of [A-Za-z0-9._:-]', [
      { path: 'Idempotency-Key', code: 'invalid_format', message: 'Invalid Idempotency-Key header' },
    ]);
  }
  const parsed = parseModuleReport(body);
  if (!parsed.ok) {
    const status = parsed.error.code === 'too_large' ? 'payload_too_large' : 'validation_failed';
    throw new AppError(status, parsed.error.message, {
      code: parsed.error.code,
      issues: parsed.error.issues,
    });
  }

  if (meta.idempotencyKey !== null) {
    const existing = await findReportByKey(ctx, siteId, meta.idempotencyKey);
    if (existing) return existing;
  }

  const payload = JSON.stringify(body);
  const sha = crypto.createHash('sha256').update(payload).digest('hex');
  try {
    // The queue is made ready before the transaction opens (queueingTransaction).
    const row = await queueingTransaction(ctx.db, [applyReportsJob], async (trx) => {
      const inserted = await insertModuleReport(trx, {
        site_id: siteId,
        organization_id: site.organization_id,
        format: parsed.format,
        payload,
        payload_sha256: sha,
        idempotency_key: meta.idempotencyKey,
        size_bytes: meta.sizeBytes,
        entry_count: parsed.entries.length,
        warnings: JSON.stringify(parsed.warnings),
        received_by: actorLabel(ctx.actor),
      });
      await queueRun(trx, applyReportsJob, { site_id: siteId, report_id: inserted.id }, { trx });
      await recordAudit(trx, ctx, {
        action: 'site.report',
        entityType: 'module_report',
        entityId: inserted.id,
        organizationId: site.organization_id,
        siteId,
        data: { format: parsed.format, projects: parsed.entries.length, bytes: meta.sizeBytes },
      });
      return inserted;
    });
    return {
      report_id: row.id,
      site_id: siteId,
      format: parsed.format,
      status: row.status,
      received_at: row.received_at.toISOString(),
      duplicate: false,
      counts: countEntries(parsed.entries),
      warnings: parsed.warnings,
    };
  } catch (error) {
    // Two requests with the same key at once: the loser answers with the winner's report.
    if (meta.idempotencyKey !== null) {
      const existing = await findReportByKey(ctx, siteId, meta.idempotencyKey);
      if (existing) return existing;
    }
    throw error;
  }
}

async function findReportByKey(ctx: RequestContext, siteId: number, key: string): Promise<AcceptedReport | null> {
  const row = await findModuleReportByKey(ctx.db, siteId, key);
  if (!row) return null;
  const parsed = parseModuleReport(row.payload);
  return {
    report_id: row.id,
    site_id: siteId,
    format: row.format as ReportFormat,
    status: row.status,
    received_at: row.received_at.toISOString(),
    duplicate: true,
    counts: countEntries(parsed.ok ? parsed.entries : []),
    warnings: (row.warnings as string[] | null) ?? [],
  };
}
