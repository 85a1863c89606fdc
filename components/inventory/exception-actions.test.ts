import { describe, expect, it } from 'vitest';
import type { ExceptionItem } from '@/lib/inventory/dto';
import { applyExceptionAction, exceptionActionRequest, type ExceptionAction } from './exception-actions';

// The work list shows an action's result before the server answers. Random
// lists, selections and actions, against what the server does to each row
// (lib/inventory/exceptions.ts: resolve keeps the status, a manual fix sets
// manually_fixed, reopening sets active) and what the open list shows.

const STATUSES: ExceptionItem['variance_status'][] = ['active', 'stale', 'manually_fixed', 'collector_verified'];
const ACTIONS: ExceptionAction[] = ['resolve', 'mark_manually_fixed', 'reset_status'];
type Item = Pick<ExceptionItem, 'id' | 'resolved' | 'variance_status' | 'hostname' | 'version'>;

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What the server leaves in a row after the action. */
function serverState(item: Item, action: ExceptionAction): Pick<Item, 'resolved' | 'variance_status'> {
  if (action === 'resolve') return { resolved: true, variance_status: item.variance_status };
  if (action === 'mark_manually_fixed') return { resolved: true, variance_status: 'manually_fixed' };
  return { resolved: false, variance_status: 'active' };
}

describe('applyExceptionAction', () => {
  it('shows each chosen row as the server will have it, leaves the others alone, and drops resolved rows from the open list', () => {
    const next = random(20251207);
    for (let n = 0; n < 3000; n++) {
      const openOnly = next() < 0.5;
      const size = Math.floor(next() * 12);
      const items: Item[] = Array.from({ length: size }, (_, i) => ({
        id: 100 + i * 3,
        resolved: openOnly ? false : next() < 0.4,
        variance_status: STATUSES[Math.floor(next() * STATUSES.length)]!,
        hostname: `host-${i}`,
        version: 1 + Math.floor(next() * 5),
      }));
      const ids = items.filter(() => next() < 0.4).map((i) => i.id);
      if (next() < 0.1) ids.push(9999); // a row that left the list meanwhile
      const action = ACTIONS[Math.floor(next() * ACTIONS.length)]!;

      const after = applyExceptionAction(items, ids, action, openOnly);
      const expected = items.flatMap((item) => {
        if (!ids.includes(item.id)) return [item];
        const state = serverState(item, action);
        return openOnly && state.resolved ? [] : [{ ...item, ...state }];
      });
      expect(after, `case ${n}`).toEqual(expected);
      // The cached list is replaced, never changed in place (the rollback keeps the old one).
      expect(items.every((i) => !after.includes(i) || !ids.includes(i.id))).toBe(true);
    }
  });
});

describe('exceptionActionRequest', () => {
  const rows = [
    { id: 4, version: 2 },
    { id: 9, version: 5 },
  ];

  it('sends one row to its own route with the version seen', () => {
    expect(exceptionActionRequest([rows[0]!], 'resolve')).toEqual({ path: '/api/exceptions/4/resolve', body: { version: 2 } });
    expect(exceptionActionRequest([rows[1]!], 'mark_manually_fixed', 'replaced the agent')).toEqual({
      path: '/api/exceptions/9/mark-manually-fixed',
      body: { version: 5, notes: 'replaced the agent' },
    });
  });

  it('sends several rows, and any reopening, to bulk-update with every version seen', () => {
    expect(exceptionActionRequest(rows, 'resolve')).toEqual({ path: '/api/exceptions/bulk-update', body: { action: 'resolve', exception_ids: [4, 9], versions: { '4': 2, '9': 5 } } });
    expect(exceptionActionRequest([rows[0]!], 'reset_status')).toEqual({ path: '/api/exceptions/bulk-update', body: { action: 'reset_status', exception_ids: [4], versions: { '4': 2 } } });
  });
});
