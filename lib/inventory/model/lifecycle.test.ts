import { describe, expect, it } from 'vitest';
import { planLifecycle, STALE_AFTER_DAYS, type StoredException } from './lifecycle';

const found = (hostname: string, type = 'MISSING_NINJA') => ({ type, hostname, details: { hostname }, organizationId: 7 });
const stored = (over: Partial<StoredException> & { id: number; hostname: string }): StoredException => ({
  type: 'MISSING_NINJA',
  resolved: false,
  variance_status: 'active',
  resolved_at: null,
  resolved_by: null,
  manually_updated_at: null,
  last_seen_date: '2025-09-28',
  ...over,
});
const at = (iso: string) => new Date(iso);
const context = { checkDate: '2025-09-29', dataCollectedAt: at('2025-09-29T07:10:00Z'), now: at('2025-09-29T08:00:00Z') };

describe('exception lifecycle', () => {
  it('inserts new exceptions with a first history entry', () => {
    const plan = planLifecycle([], [found('pc-1')], context);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.inserts[0]!.history).toMatchObject({ from: null, to: 'active', date: '2025-09-29' });
    expect(plan.changes).toEqual([]);
  });

  it('refreshes an open exception that is still found, without a history entry', () => {
    const plan = planLifecycle([stored({ id: 1, hostname: 'pc-1' })], [found('pc-1')], context);
    expect(plan.changes).toEqual([expect.objectContaining({ id: 1, last_seen_date: '2025-09-29', variance_status: 'active', resolved: false, history: null })]);
  });

  it('resolves what is no longer found as collector_verified', () => {
    const plan = planLifecycle([stored({ id: 1, hostname: 'pc-1' })], [], context);
    expect(plan.autoResolved).toBe(1);
    expect(plan.changes[0]).toMatchObject({ resolved: true, variance_status: 'collector_verified', resolved_by: 'collector', found: null });
    expect(plan.changes[0]!.history).toMatchObject({ from: 'active', to: 'collector_verified' });
  });

  it('reopens a verified exception that comes back', () => {
    const plan = planLifecycle([stored({ id: 1, hostname: 'pc-1', resolved: true, variance_status: 'collector_verified', resolved_by: 'collector', resolved_at: at('2025-09-20T00:00:00Z') })], [found('pc-1')], context);
    expect(plan.reopened).toBe(1);
    expect(plan.changes[0]).toMatchObject({ resolved: false, variance_status: 'active', resolved_at: null, resolved_by: null });
  });

  it('keeps a manual fix while the data predates it, reopens it when newer data still shows it, verifies it when gone', () => {
    const fixed = stored({ id: 1, hostname: 'pc-1', resolved: true, variance_status: 'manually_fixed', manually_updated_at: at('2025-09-29T07:30:00Z'), resolved_at: at('2025-09-29T07:30:00Z'), resolved_by: 'ops@msp' });
    const same = planLifecycle([fixed], [found('pc-1')], context);
    expect(same.changes[0]).toMatchObject({ resolved: true, variance_status: 'manually_fixed', history: null });

    const nextDay = { checkDate: '2025-09-30', dataCollectedAt: at('2025-09-30T07:10:00Z'), now: at('2025-09-30T08:00:00Z') };
    const still = planLifecycle([fixed], [found('pc-1')], nextDay);
    expect(still.changes[0]).toMatchObject({ resolved: false, variance_status: 'active' });
    expect(still.changes[0]!.history?.reason).toMatch(/after the manual fix/);

    const gone = planLifecycle([fixed], [], nextDay);
    expect(gone.changes[0]).toMatchObject({ resolved: true, variance_status: 'collector_verified', resolved_by: 'ops@msp' });
  });

  it('marks a manual fix stale when no newer data arrives for a week', () => {
    const fixed = stored({ id: 1, hostname: 'pc-1', resolved: true, variance_status: 'manually_fixed', manually_updated_at: at('2025-09-20T07:30:00Z') });
    const later = { checkDate: '2025-09-29', dataCollectedAt: at('2025-09-20T07:00:00Z'), now: at(`2025-09-${20 + STALE_AFTER_DAYS + 1}T08:00:00Z`) };
    expect(planLifecycle([fixed], [found('pc-1')], later).changes[0]).toMatchObject({ variance_status: 'stale', resolved: true });
  });

  it('keeps a resolution by a person while the variance persists', () => {
    const accepted = stored({ id: 1, hostname: 'pc-1', resolved: true, resolved_by: 'ops@msp', resolved_at: at('2025-09-28T10:00:00Z') });
    expect(planLifecycle([accepted], [found('pc-1')], context).changes[0]).toMatchObject({ resolved: true, variance_status: 'active', resolved_by: 'ops@msp' });
  });

  it('leaves alone exceptions seen after the day being checked', () => {
    const plan = planLifecycle([stored({ id: 1, hostname: 'pc-1', last_seen_date: '2025-10-02' })], [], context);
    expect(plan.changes).toEqual([]);
  });
});
