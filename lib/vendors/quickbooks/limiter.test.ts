import { describe, it, expect } from 'vitest';
import { createRateLimiter } from './limiter';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createRateLimiter', () => {
  it('never runs more than maxConcurrent tasks at once, and runs them all', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 3, maxPerWindow: 1000, windowMs: 1000 });
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await wait(10);
          active--;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(peak).toBe(3);
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 1, maxPerWindow: 100, windowMs: 1000 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('starts at most maxPerWindow tasks in any window', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 10, maxPerWindow: 3, windowMs: 150 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 7 }, () => limiter.run(async () => void starts.push(Date.now()))));
    starts.sort((a, b) => a - b);
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(145);
    expect(starts[6]! - starts[0]!).toBeGreaterThanOrEqual(290);
  });

  it('counts noted requests against the window', async () => {
    const limiter = createRateLimiter({ maxConcurrent: 10, maxPerWindow: 2, windowMs: 150 });
    limiter.note();
    limiter.note();
    const t0 = Date.now();
    await limiter.run(async () => undefined);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('rejects nonsense limits', () => {
    expect(() => createRateLimiter({ maxConcurrent: 0, maxPerWindow: 1, windowMs: 1 })).toThrow(RangeError);
    expect(() => createRateLimiter({ maxConcurrent: 1, maxPerWindow: 1.5, windowMs: 1 })).toThrow(RangeError);
  });
});
