import { describe, expect, it } from 'vitest';
import { dataStatusOf, FRESHNESS_STATUSES, freshnessOf } from './model/freshness';
import { monthEnd } from '@/db/queries/inventory/snapshots';
import { addDays, daysBetween, inventoryDate, isIsoDate } from './vendors';

describe('inventory dates', () => {
  it('takes the day in the schedule time zone', () => {
    // 03:30 UTC is still the previous evening in Chicago.
    expect(inventoryDate(new Date('2025-10-01T03:30:00Z'), 'America/Chicago')).toBe('2025-09-30');
    expect(inventoryDate(new Date('2025-10-01T03:30:00Z'), 'UTC')).toBe('2025-10-01');
  });

  it('validates, shifts and measures calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-9-1')).toBe(false);
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-09-27', '2025-09-30')).toBe(3);
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
  });
});

describe('freshness', () => {
  it('grades each vendor by age', () => {
    expect(freshnessOf('2025-09-30', '2025-09-30')).toMatchObject({ freshness_status: 'current', days_old: 0 });
    expect(freshnessOf('2025-09-29', '2025-09-30')).toMatchObject({ freshness_status: 'yesterday', days_old: 1 });
    expect(freshnessOf('2025-09-27', '2025-09-30')).toMatchObject({ freshness_status: 'stale', days_old: 3 });
    expect(freshnessOf('2025-09-01', '2025-09-30')).toMatchObject({ freshness_status: 'very_stale' });
    expect(freshnessOf(null, '2025-09-30')).toMatchObject({ freshness_status: 'no_data', days_old: null });
  });

  it('says whether both vendors are current and in step, in the vendors\' vocabulary', () => {
    expect(dataStatusOf('2025-09-30', '2025-09-30', '2025-09-30')).toEqual({ status: 'current', message: 'Data is current', latest_date: '2025-09-30' });
    // Out of step: as fresh as the older vendor, and the message names both days.
    expect(dataStatusOf('2025-09-30', '2025-09-29', '2025-09-30')).toEqual({
      status: 'yesterday',
      message: 'NinjaOne data is from 2025-09-30, ThreatLocker data from 2025-09-29',
      latest_date: '2025-09-29',
    });
    expect(dataStatusOf('2025-09-20', '2025-09-20', '2025-09-30').status).toBe('very_stale');
    expect(dataStatusOf(null, '2025-09-30', '2025-09-30').status).toBe('no_data');
  });

  it('grades the data as a whole exactly as its older vendor, for every pair of days', () => {
    const today = '2025-09-30';
    const days = [null, ...Array.from({ length: 40 }, (_, i) => addDays(today, -i))];
    let pairs = 0;
    for (const ninja of days) {
      for (const tl of days) {
        const overall = dataStatusOf(ninja, tl, today);
        expect(FRESHNESS_STATUSES).toContain(overall.status);
        const older = ninja === null || tl === null ? null : ninja < tl ? ninja : tl;
        expect(overall.status, `${ninja} / ${tl}`).toBe(freshnessOf(older, today).freshness_status);
        if (older !== null) expect(overall.latest_date).toBe(older);
        pairs += 1;
      }
    }
    expect(pairs).toBe(41 * 41);
  });
});
