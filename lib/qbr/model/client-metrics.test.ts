import { describe, expect, it } from 'vitest';
import { computeClientKpis, isStoredMetricKey, rollUpClientMetrics } from './client-metrics';

describe('client metrics', () => {
  it('sums flows and averages levels over the months that have them', () => {
    const q = rollUpClientMetrics([
      { tickets_with_sla: 10, tickets_in_sla: 9, aged_backlog: 2 },
      { tickets_with_sla: 5, tickets_in_sla: 5 },
      { tickets_with_sla: 5, tickets_in_sla: 4, aged_backlog: 4 },
    ]);
    expect(q).toMatchObject({ tickets_with_sla: 20, tickets_in_sla: 18, aged_backlog: 3, response_hours_total: null });
  });

  it('computes the client meeting numbers, null where a divisor is missing', () => {
    const k = computeClientKpis(
      { reactive_tickets_created: 60, reactive_time_spent: 30, endpoints_managed: 50, seats_managed: 40, tickets_with_sla: 20, tickets_in_sla: 18, response_hours_total: 10, tickets_responded: 40, mrr: 9000, nrr: 1500 },
      3,
      5,
    );
    expect(k.tickets_per_endpoint_per_month).toBeCloseTo(60 / 3 / 50, 12);
    expect(k.rhem).toBeCloseTo(30 / 50 / 3, 12);
    expect(k.sla_attainment_pct).toBeCloseTo(0.9, 12);
    expect(k.avg_response_hours).toBeCloseTo(0.25, 12);
    expect(k.revenue).toBe(10500);
    expect(k.revenue_per_endpoint_per_month).toBeCloseTo(10500 / 50 / 3, 12);
    expect(k.aged_backlog).toBe(5);
    const empty = computeClientKpis({ reactive_tickets_created: 4, endpoints_managed: 0, tickets_with_sla: 0 }, 1, null);
    expect(empty).toMatchObject({ tickets_per_endpoint_per_month: null, rhem: null, sla_attainment_pct: null, avg_response_hours: null, revenue: null, revenue_per_endpoint_per_month: null });
  });

  it('knows which names may be stored per month', () => {
    expect(isStoredMetricKey('mrr')).toBe(true);
    expect(isStoredMetricKey('aged_backlog')).toBe(true);
    expect(isStoredMetricKey('happiness')).toBe(false);
  });
});
