import { z } from 'zod';
import { findSiteModule, setAcceptedRisk } from '@/db/queries/drupal/site-modules';
import { recordAudit } from '@/lib/core/audit';
import type { RequestContext } from '@/lib/core/context';
import { AppError, notFound } from '@/lib/core/errors';
import { requireSite } from './sites';

// Accepting the risk of a site module's update (with a reason and an expiry)
// silences it in notifications and moves it below open security updates.

const MAX_ACCEPT_DAYS = 366;

export const acceptRiskSchema = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
  expires_at: z.iso.datetime({ offset: true }),
});

async function loadSiteModule(ctx: RequestContext, id: number) {
  const row = await findSiteModule(ctx.db, id);
  if (!row) throw notFound('Site module');
  const site = await requireSite(ctx, row.site_id, 'site:accept_risk').catch((error: unknown) => {
    // The module of an unseen site does not exist for the caller either.
    if (error instanceof AppError && error.code === 'not_found') throw notFound('Site module');
    throw error;
  });
  return { row, site };
}

export async function acceptRisk(ctx: RequestContext, id: number, input: z.infer<typeof acceptRiskSchema>) {
  const { row, site } = await loadSiteModule(ctx, id);
  const expires = new Date(input.expires_at);
  const now = Date.now();
  if (expires.getTime() <= now) throw new AppError('validation_failed', 'expires_at must be in the future', [{ path: 'expires_at', code: 'too_small', message: 'must be in the future' }]);
  if (expires.getTime() > now + MAX_ACCEPT_DAYS * 86_400_000) {
    throw new AppError('validation_failed', `A risk can be accepted for at most ${MAX_ACCEPT_DAYS} days`, [
      { path: 'expires_at', code: 'too_big', message: `at most ${MAX_ACCEPT_DAYS} days ahead` },
    ]);
  }
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    await setAcceptedRisk(trx, id, { reason: input.reason, expiresAt: expires, by, at: new Date() });
    const after = { reason: input.reason, expires_at: expires.toISOString() };
    await recordAudit(trx, ctx, {
      action: 'site_module.accept_risk',
      entityType: 'site_module',
      entityId: id,
      organizationId: site.organization_id,
      siteId: site.id,
      before: { reason: row.accepted_risk_reason, expires_at: row.accepted_risk_expires_at?.toISOString() ?? null },
      after,
      data: { project: row.module_name, version: row.current_version },
    });
    return { id, site_id: site.id, project: row.module_name, accepted_risk: after };
  });
}

export async function clearAcceptedRisk(ctx: RequestContext, id: number) {
  const { row, site } = await loadSiteModule(ctx, id);
  return ctx.db.transaction().execute(async (trx) => {
    await setAcceptedRisk(trx, id, null);
    await recordAudit(trx, ctx, {
      action: 'site_module.clear_risk',
      entityType: 'site_module',
      entityId: id,
      organizationId: site.organization_id,
      siteId: site.id,
      before: { reason: row.accepted_risk_reason, expires_at: row.accepted_risk_expires_at?.toISOString() ?? null },
      data: { project: row.module_name },
    });
    return { id, site_id: site.id, project: row.module_name, accepted_risk: null };
  });
}
