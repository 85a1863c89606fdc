import type { BadgeTone } from '@/components/ui/badge';

// Words and colours for the inventory's codes, shared by its pages.

export const EXCEPTION_TYPE_LABELS: Record<string, string> = {
  MISSING_NINJA: 'Missing in NinjaOne',
  MISSING_THREATLOCKER: 'Missing ThreatLocker',
  DUPLICATE_TL: 'ThreatLocker duplicate',
  SITE_MISMATCH: 'Client mismatch',
  SPARE_MISMATCH: 'Spare with ThreatLocker',
  DISPLAY_NAME_MISMATCH: 'Display name mismatch',
};

export const EXCEPTION_TYPE_COLORS: Record<string, string> = {
  MISSING_NINJA: '#dc2626',
  MISSING_THREATLOCKER: '#9333ea',
  DUPLICATE_TL: '#d97706',
  SITE_MISMATCH: '#0891b2',
  SPARE_MISMATCH: '#16a34a',
  DISPLAY_NAME_MISMATCH: '#2563eb',
};

export const typeLabel = (type: string) => EXCEPTION_TYPE_LABELS[type] ?? type;

export const VARIANCE_STATUS_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: 'Open', tone: 'red' },
  stale: { label: 'Open (not seen lately)', tone: 'amber' },
  manually_fixed: { label: 'Fixed by hand', tone: 'blue' },
  collector_verified: { label: 'Verified by collector', tone: 'green' },
};

export function exceptionStatus(resolved: boolean, varianceStatus: string): { label: string; tone: BadgeTone } {
  if (resolved && varianceStatus === 'active') return { label: 'Resolved', tone: 'green' };
  return VARIANCE_STATUS_LABELS[varianceStatus] ?? { label: varianceStatus, tone: 'slate' };
}

export const FRESHNESS_TONES: Record<string, BadgeTone> = {
  current: 'green',
  yesterday: 'green',
  stale: 'amber',
  very_stale: 'red',
  no_data: 'slate',
};

export const READINESS_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  compatible: { label: 'Compatible', tone: 'green' },
  remediable: { label: 'Remediable', tone: 'amber' },
  incompatible: { label: 'Incompatible', tone: 'red' },
  unknown: { label: 'Needs review', tone: 'slate' },
  excluded: { label: 'Excluded', tone: 'slate' },
};
