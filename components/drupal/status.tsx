import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { SiteModuleStatus } from '@/lib/drupal/dto';

// How a verdict reads on screen: words first, colour only repeats them.

const STATUS: Record<SiteModuleStatus, { label: string; tone: BadgeTone }> = {
  security_update_required: { label: 'Security update required', tone: 'red' },
  revoked: { label: 'Revoked', tone: 'red' },
  not_supported: { label: 'Not supported', tone: 'red' },
  update_available: { label: 'Update available', tone: 'amber' },
  current: { label: 'Up to date', tone: 'green' },
  unknown: { label: 'Unknown', tone: 'slate' },
  not_fetched: { label: 'Release data not fetched', tone: 'slate' },
  not_checked: { label: 'Not checked', tone: 'slate' },
};

export function StatusBadge({ status, securityUpdate, riskAccepted }: { status: SiteModuleStatus; securityUpdate?: boolean; riskAccepted?: boolean }) {
  const known = STATUS[status] ?? { label: status, tone: 'slate' as const };
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={known.tone}>{known.label}</Badge>
      {securityUpdate && status !== 'security_update_required' && <Badge tone="red">Security release available</Badge>}
      {riskAccepted && <Badge tone="blue">Risk accepted</Badge>}
    </span>
  );
}

/** A count with its noun: "1 security update", "3 security updates". `label` is the plural. */
export function CountBadge({ count, tone, label }: { count: number; tone: BadgeTone; label: string }) {
  const noun = count === 1 ? label.replace(/s$/, '') : label;
  if (count === 0) return <span className="text-slate-500">0 {noun}</span>;
  return (
    <Badge tone={tone}>
      {count} {noun}
    </Badge>
  );
}
