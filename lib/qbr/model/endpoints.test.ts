import { describe, expect, it } from 'vitest';
import { endpointRows } from './endpoints';

const HOME = 1;

describe('endpoint and seat rows from device counts', () => {
  it('gives each client its own counts and the home organisation the totals, seats of clients only', () => {
    const rows = endpointRows(
      [
        { month: '2025-05', organization_id: 2, endpoints: 10, seats: 8 },
        { month: '2025-05', organization_id: 3, endpoints: 5, seats: 4 },
        { month: '2025-05', organization_id: HOME, endpoints: 3, seats: 3 },
        { month: '2025-05', organization_id: null, endpoints: 2, seats: 1 },
        { month: '2025-06', organization_id: 2, endpoints: 11, seats: 9 },
      ],
      HOME,
    );
    const value = (org: number, month: string, metric: string) => rows.find((r) => r.organization_id === org && r.period === month && r.metric_name === metric)?.value;
    expect(value(2, '2025-05', 'endpoints_managed')).toBe(10);
    expect(value(2, '2025-05', 'seats_managed')).toBe(8);
    expect(value(3, '2025-05', 'seats_managed')).toBe(4);
    expect(value(HOME, '2025-05', 'endpoints_managed')).toBe(20);
    expect(value(HOME, '2025-05', 'seats_managed')).toBe(13);
    expect(value(HOME, '2025-06', 'endpoints_managed')).toBe(11);
    expect(value(HOME, '2025-06', 'seats_managed')).toBe(9);
    // Devices without an organisation count only in the totals; the home organisation has no client row.
    expect(rows.filter((r) => r.organization_id === null)).toEqual([]);
    expect(rows.filter((r) => r.organization_id === HOME)).toHaveLength(4);
    expect(rows).toHaveLength(4 + 2 * 3);
  });

  it('gives nothing when there are no snapshots', () => {
    expect(endpointRows([], HOME)).toEqual([]);
  });
});
