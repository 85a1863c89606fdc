import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from './retry';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(' 0.5 ')).toBe(500);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});

describe('backoffDelay', () => {
  const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles per attempt with jitter in the upper half', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
  });
  it('is capped by maxDelayMs', () => {
    expect(backoffDelay(20, policy, () => 1)).toBe(1000);
  });
});
