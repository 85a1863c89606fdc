import { authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { getQbrConfig } from './config';
import { orgDto, type QbrSettings } from './dto';
import { CLIENT_KPIS } from './model/client-metrics';
import { monthOf } from './model/periods';
import { mayBeNegative, METRIC_CATALOGUE, METRIC_KEYS, SMARTNUMBER_CATALOGUE, SMARTNUMBER_KEYS } from './model/smartnumbers';
import { listQbrOrganizationsFor, resolveQbrOrganization } from './organization';
import { ACCOUNT_CATEGORIES } from './schemas';
import { listThresholdsFor } from './thresholds';

// What the QBR settings page edits for one organisation: the thresholds of
// the SmartNumbers and of the client report's service measures, the metrics
// that may be entered by hand, and the collectors' configuration.

const CLIENT_THRESHOLDS = ['sla_attainment_pct', 'avg_response_hours', 'aged_backlog'] as const;

export async function getQbrSettings(ctx: RequestContext, input: { organization_id?: number }): Promise<QbrSettings> {
  authorize(ctx.actor, 'qbr:manage');
  const org = await resolveQbrOrganization(ctx, input.organization_id);
  const [{ thresholds }, config, organizations] = await Promise.all([listThresholdsFor(ctx, { organization_id: org.id }), getQbrConfig(ctx), listQbrOrganizationsFor(ctx)]);
  const byName = new Map(thresholds.map((t) => [t.metric_name, t]));
  return {
    organization: orgDto(org),
    organizations,
    thresholds: [
      ...SMARTNUMBER_KEYS.map((k) => ({ metric_name: k, label: SMARTNUMBER_CATALOGUE[k].label, unit: SMARTNUMBER_CATALOGUE[k].unit })),
      ...CLIENT_THRESHOLDS.map((k) => ({ metric_name: k, label: `${CLIENT_KPIS[k].label} (client report)`, unit: CLIENT_KPIS[k].unit })),
    ].map((r) => {
      const t = byName.get(r.metric_name);
      return { ...r, threshold: t ? { direction: t.direction, green: t.green, yellow: t.yellow, scope: t.scope, notes: t.notes } : null };
    }),
    manual_metrics: METRIC_KEYS.map((k) => ({ key: k, label: METRIC_CATALOGUE[k].label, origin: METRIC_CATALOGUE[k].origin, mayBeNegative: mayBeNegative(k) })),
    default_month: monthOf(new Date()).key,
    config,
    account_categories: ACCOUNT_CATEGORIES,
  };
}
