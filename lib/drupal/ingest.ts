import crypto from 'node:crypto';
import type { Db } from '@/db';
import { countIngestBacklog, findModuleReportByKey, insertModuleReports, requestApplies, type StoredReport } from '@/db/queries/drupal/module-reports';
import { recordAudits } from '@/lib/core/audit';
import { groupCommitter } from '@/lib/core/group-commit';
import { actorLabel, authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { queueDeliveries, queueingTransaction } from '@/lib/jobs';
import type { AcceptedReport, ReportCounts } from './dto';
import { applyReportsJob } from './jobs';
import { parseModuleReport, type ReportEntry, type ReportFormat } from './model/report-parsers';
import { requireSite } from './sites';

// Accepting a module report: parse it to answer what was accepted, store it
// durably, and queue its processing in the same transaction, so a report is
// either stored and queued, or neither. Applying it is the worker's job.
// Reports arriving together share that transaction (group commit, below).

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

/** A parsed report on its way to the database, with what its answer and audit entry need. */
type Arrival = {
  ctx: RequestContext;
  siteId: number;
  organizationId: number;
  parsed: Extract<ReturnType<typeof parseModuleReport>, { ok: true }>;
  payload: string;
  sha: string;
  idempotencyKey: string | null;
  sizeBytes: number;
};

/** The answer for an arrival: its stored report, or the report stored before it with the same Idempotency-Key. */
type Stored = { report: StoredReport; duplicate: false } | { duplicate: true; sameAs: number };

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
  const arrival: Arrival = { ctx, siteId, organizationId: site.organization_id, parsed, payload, sha, idempotencyKey: meta.idempotencyKey, sizeBytes: meta.sizeBytes };
  const stored = await committerFor(ctx.db)(arrival);
  if (!stored.duplicate) {
    return {
      report_id: stored.report.id,
      site_id: siteId,
      format: parsed.format,
      status: stored.report.status,
      received_at: stored.report.received_at.toISOString(),
      duplicate: false,
      counts: countEntries(parsed.entries),
      warnings: parsed.warnings,
    };
  }
  // Another request with the same key was stored first: answer with its report.
  const existing = meta.idempotencyKey === null ? null : await findReportByKey(ctx, siteId, meta.idempotencyKey);
  if (!existing) throw new Error(`report ${stored.sameAs} with Idempotency-Key ${meta.idempotencyKey} is gone`);
  return existing;
}

// Reports are stored by group commit: those that arrive together (a fleet's
// cron firing at once) share one transaction, with one multi-row insert, one
// batched queue send and one multi-row audit insert. Each request is answered
// once that transaction has committed: a 202 still means stored and queued.
const GROUP_COMMIT = { windowMs: 2, maxItems: 200 };
const committers = new WeakMap<Db, (arrival: Arrival) => Promise<Stored>>();

function committerFor(db: Db) {
  let committer = committers.get(db);
  if (!committer) {
    committer = groupCommitter((arrivals: Arrival[]) => storeReports(db, arrivals), GROUP_COMMIT);
    committers.set(db, committer);
  }
  return committer;
}

/**
 * One transaction for a group of reports: stores them (the first of a group's
 * reports with one site and Idempotency-Key; the others answer with it), queues
 * one apply for each site that has none pending, and audits each report.
 */
async function storeReports(db: Db, arrivals: Arrival[]): Promise<Stored[]> {
  const firstWithKey = new Map<string, number>();
  const keyOf = (a: Arrival) => (a.idempotencyKey === null ? null : `${a.siteId}\u0000${a.idempotencyKey}`);
  const storedIndex = arrivals.map((a, i) => {
    const key = keyOf(a);
    if (key === null) return i;
    const first = firstWithKey.get(key);
    if (first !== undefined) return first;
    firstWithKey.set(key, i);
    return i;
  });
  const toStore = arrivals.filter((_, i) => storedIndex[i] === i);

  const stored = await queueingTransaction(db, [applyReportsJob], async (trx) => {
    const rows = await insertModuleReports(
      trx,
      toStore.map((a) => ({
        site_id: a.siteId,
        organization_id: a.organizationId,
        format: a.parsed.format,
        payload: a.payload,
        payload_sha256: a.sha,
        idempotency_key: a.idempotencyKey,
        size_bytes: a.sizeBytes,
        entry_count: a.parsed.entries.length,
        warnings: a.parsed.warnings,
        received_by: actorLabel(a.ctx.actor),
      })),
    );
    const inserted = toStore.flatMap((a, i) => (rows[i] ? [{ arrival: a, report: rows[i] }] : []));
    const requested = await requestApplies(
      trx,
      inserted.map((r) => r.arrival.siteId),
    );
    await queueDeliveries(
      trx,
      applyReportsJob,
      requested.map((siteId) => ({ site_id: siteId })),
    );
    await recordAudits(
      trx,
      inserted.map(({ arrival: a, report }) => ({
        origin: a.ctx,
        entry: {
          action: 'site.report',
          entityType: 'module_report',
          entityId: report.id,
          organizationId: a.organizationId,
          siteId: a.siteId,
          data: { format: a.parsed.format, projects: a.parsed.entries.length, bytes: a.sizeBytes },
        },
      })),
    );
    return new Map(toStore.map((a, i) => [a, rows[i] ?? null]));
  });
  return arrivals.map((a, i): Stored => {
    const first = arrivals[storedIndex[i]!]!;
    const report = stored.get(first);
    // Stored before this group (a replay racing its original), or by an earlier arrival of this group.
    if (!report) return { duplicate: true, sameAs: -1 };
    return first === a ? { report, duplicate: false } : { duplicate: true, sameAs: report.id };
  });
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

/** Reports waiting to be applied and site modules waiting for a verdict, fleet-wide (MSP staff). */
export async function ingestBacklog(ctx: RequestContext) {
  authorize(ctx.actor, 'jobs:read');
  return countIngestBacklog(ctx.db);
}
