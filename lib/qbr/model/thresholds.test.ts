import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/simulators/random';
import { colourOf, effectiveThresholds, type Threshold } from './thresholds';

type Row = { metric_name: string; organization_id: number | null; green: number };

describe('which threshold applies', () => {
  it("takes the organisation's own bound over the global default, in either row order", () => {
    const global: Row = { metric_name: 'rhem', organization_id: null, green: 0.25 };
    const own: Row = { metric_name: 'rhem', organization_id: 7, green: 0.4 };
    const other: Row = { metric_name: 'total_close_pct', organization_id: null, green: 1 };
    for (const rows of [[global, own, other], [own, global, other], [other, own, global]]) {
      const m = effectiveThresholds(rows);
      expect(m.get('rhem')).toBe(own);
      expect(m.get('total_close_pct')).toBe(other);
      expect(m.size).toBe(2);
    }
  });

  it('agrees with "own if any, else global" on 5,000 generated row sets', () => {
    const rng = createRng(20261122);
    const metrics = ['rhem', 'total_close_pct', 'sla_attainment_pct', 'aged_backlog'];
    for (let i = 0; i < 5000; i += 1) {
      // What loadThresholds returns: at most one global and one own row per metric, in any order.
      const rows: Row[] = [];
      for (const metric_name of metrics) {
        if (rng.chance(0.6)) rows.push({ metric_name, organization_id: null, green: rng.int(0, 100) });
        if (rng.chance(0.4)) rows.push({ metric_name, organization_id: 42, green: rng.int(0, 100) });
      }
      for (let j = rows.length - 1; j > 0; j -= 1) {
        const k = rng.int(0, j);
        [rows[j], rows[k]] = [rows[k]!, rows[j]!];
      }
      const m = effectiveThresholds(rows);
      for (const metric of metrics) {
        const expected = rows.find((r) => r.metric_name === metric && r.organization_id !== null) ?? rows.find((r) => r.metric_name === metric);
        expect(m.get(metric), `${i} ${metric}`).toBe(expected);
      }
    }
  });
});

describe('colour against a threshold that may be missing', () => {
  const t: Threshold = { direction: 'higher_is_better', green: 0.9, yellow: 0.8 };

  it('gives no colour without a threshold, and the verdict with one', () => {
    expect(colourOf(0.95, null)).toBeNull();
    expect(colourOf(0.95, undefined)).toBeNull();
    expect(colourOf(0.95, t)).toBe('green');
    expect(colourOf(0.85, t)).toBe('yellow');
    expect(colourOf(0.5, t)).toBe('red');
    expect(colourOf(null, t)).toBeNull();
  });
});
