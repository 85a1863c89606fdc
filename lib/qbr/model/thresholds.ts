// Threshold colours: the verdict a SmartNumber or client KPI gets against
// its bounds, and which bounds apply to an organisation. Pure functions.

import { z } from 'zod';
import type { SmartNumberKey } from './smartnumbers';

export const THRESHOLD_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type ThresholdDirection = (typeof THRESHOLD_DIRECTIONS)[number];
export type ThresholdColour = 'green' | 'yellow' | 'red';

/**
 * `green` and `yellow` are the inclusive bounds a value must reach (higher is
 * better) or stay within (lower is better); anything beyond `yellow` is red.
 */
export type Threshold = { readonly direction: ThresholdDirection; readonly green: number; readonly yellow: number };

/** The green bound must be at least as good as the yellow one; both the pure schema and the API body check it. */
export const boundsInOrder = (t: Threshold): boolean => (t.direction === 'higher_is_better' ? t.green >= t.yellow : t.green <= t.yellow);
export const BOUNDS_ISSUE = { message: 'The green bound must be at least as good as the yellow bound for the direction', path: ['yellow'] };

export const thresholdSchema = z.object({ direction: z.enum(THRESHOLD_DIRECTIONS), green: z.number(), yellow: z.number() }).refine(boundsInOrder, BOUNDS_ISSUE);

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The colour for a value; null when there is no value (shown as "n/a", not red). */
export function evaluateThreshold(value: number | null | undefined, threshold: Threshold): ThresholdColour | null {
  if (!present(value)) return null;
  if (threshold.direction === 'higher_is_better') {
    if (value >= threshold.green) return 'green';
    if (value >= threshold.yellow) return 'yellow';
    return 'red';
  }
  if (value <= threshold.green) return 'green';
  if (value <= threshold.yellow) return 'yellow';
  return 'red';
}

/** The colour against a threshold that may not be set (no threshold: no colour). */
export function colourOf(value: number | null, threshold: Threshold | null | undefined): ThresholdColour | null {
  return threshold ? evaluateThreshold(value, threshold) : null;
}

/** One threshold per metric: the organisation's own (organization_id set), else the global default. */
export function effectiveThresholds<T extends { metric_name: string; organization_id: number | null }>(rows: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) if (!out.has(r.metric_name) || r.organization_id !== null) out.set(r.metric_name, r);
  return out;
}

type DefaultThreshold = Threshold & { readonly note: string };

/**
 * Seed defaults (editable by superusers) where research/msp.md §3 gives a
 * basis; the original had a thresholds table but no values. Ratios as fractions.
 */
export const DEFAULT_THRESHOLDS: { readonly [K in SmartNumberKey]?: DefaultThreshold } = {
  tickets_per_endpoint_per_month: { direction: 'lower_is_better', green: 0.5, yellow: 1, note: 'Reactive tickets per endpoint (TEM): ≤0.5 / ≤1.0 / >1.0 (proposed)' },
  rhem: { direction: 'lower_is_better', green: 0.25, yellow: 0.5, note: 'RHEM: green ≤0.25 h (15 min) per endpoint-month; ≤0.5 yellow (proposed)' },
  total_close_pct: { direction: 'higher_is_better', green: 1, yellow: 0.9, note: 'Kill ratio (closed ÷ opened): ≥1.0 / 0.9–1.0 / <0.9 (proposed)' },
};
