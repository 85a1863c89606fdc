import { describe, expect, it } from 'vitest';
import { createLimiter, mapWithConcurrency } from './concurrency';

describe('createLimiter and mapWithConcurrency', () => {
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('never runs more than the limit at once', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limiter.run(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await tick(5);
          active -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('keeps input order and bounds concurrency', async () => {
    let active = 0;
    let peak = 0;
    const result = await mapWithConcurrency([30, 5, 20, 1, 10], 3, async (ms, index) => {
      active += 1;
      peak = Math.max(peak, active);
      await tick(ms);
      active -= 1;
      return index * 10;
    });
    expect(result).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(3);
  });

  it('stops starting new work after the first failure', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([0, 1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 1) throw new Error('fail at 1');
        return n;
      }),
    ).rejects.toThrow('fail at 1');
    expect(started).toEqual([0, 1]);
  });

  it('rejects a non-positive limit', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
