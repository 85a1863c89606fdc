import { describe, expect, it } from 'vitest';
import { isSecurityUpdate, lagSeconds, median } from './patch-math';

const releases = [
  { version: '8.x-1.19', isSecurity: true },
  { version: '8.x-1.18', isSecurity: false },
  { version: '8.x-1.17', isSecurity: true },
];

describe('patch-run rules', () => {
  it('calls an update a security update when it crosses a security release', () => {
    expect(isSecurityUpdate('8.x-1.18', '8.x-1.19', releases)).toBe(true);
    expect(isSecurityUpdate('8.x-1.16', '8.x-1.18', releases)).toBe(true);
    expect(isSecurityUpdate('8.x-1.17', '8.x-1.18', releases)).toBe(false);
    // composer notation of the same releases
    expect(isSecurityUpdate('1.18.0', '1.19.0', releases)).toBe(true);
    expect(isSecurityUpdate(null, '8.x-1.19', releases)).toBe(true);
    expect(isSecurityUpdate(null, '8.x-1.18', releases)).toBe(false);
  });

  it('measures lag from release to application, never below zero', () => {
    expect(lagSeconds(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-03T12:00:00Z'))).toBe(216_000);
    expect(lagSeconds(new Date('2026-01-05T00:00:00Z'), new Date('2026-01-03T00:00:00Z'))).toBe(0);
    expect(lagSeconds(null, new Date())).toBeNull();
  });

  it('takes medians of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
