import type { z } from 'zod';
import { findQbrOrganization } from '@/db/queries/qbr/organizations';
import { findThreshold, loadThresholds, saveThreshold, type ThresholdRow } from '@/db/queries/qbr/thresholds';
import { authorize } from '@/lib/auth/policy';
import { recordAudit } from '@/lib/core/audit';
import type { RequestContext } from '@/lib/core/context';
import { notFound } from '@/lib/core/errors';
import { orgDto, thresholdDto, type ThresholdDto } from './dto';
import { effectiveThresholds } from './model/thresholds';
import { resolveQbrOrganization } from './organization';
import type { thresholdBodySchema, thresholdsQuerySchema } from './schemas';

// The bounds that colour SmartNumbers and client KPIs: global defaults and
// an organisation's own, edited by superusers (audited).

/** One threshold per metric: the organisation's own, else the global default. */
export const effectiveThresholdDtos = (rows: readonly ThresholdRow[]): Map<string, ThresholdDto> => new Map([...effectiveThresholds(rows)].map(([k, r]) => [k, thresholdDto(r)]));

export async function listThresholdsFor(ctx: RequestContext, query: z.infer<typeof thresholdsQuerySchema>) {
  const org = await resolveQbrOrganization(ctx, query.organization_id);
  const rows = await loadThresholds(ctx.db, org.id);
  return { organization: orgDto(org), thresholds: [...effectiveThresholdDtos(rows).values()], defaults: rows.filter((r) => r.organization_id === null).map(thresholdDto) };
}

export async function saveThresholdFor(ctx: RequestContext, input: z.infer<typeof thresholdBodySchema>) {
  if (input.organization_id !== null) {
    authorize(ctx.actor, 'qbr:manage', { organizationId: input.organization_id }, 'Organisation');
    if (!(await findQbrOrganization(ctx.db, input.organization_id))) throw notFound('Organisation');
  }
  authorize(ctx.actor, 'qbr:manage');
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findThreshold(trx, input.organization_id, input.metric_name);
    await saveThreshold(trx, { ...input, notes: input.notes ?? null, updated_by: by });
    const after = (await findThreshold(trx, input.organization_id, input.metric_name))!;
    await recordAudit(trx, ctx, {
      action: 'qbr.threshold.save',
      entityType: 'threshold',
      entityId: after.id,
      organizationId: input.organization_id,
      before: before ? thresholdDto(before) : null,
      after: thresholdDto(after),
    });
    return thresholdDto(after);
  });
}
