import { describe, expect, it } from 'vitest';
import { groupCommitter } from './group-commit';

describe('group commit', () => {
  it('commits what arrives together in one call, one at a time, in arrival order, and answers each caller', async () => {
    const groups: number[][] = [];
    let running = 0;
    let overlapped = false;
    const store = groupCommitter(
      async (items: number[]) => {
        running += 1;
        overlapped ||= running > 1;
        groups.push(items);
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
        return items.map((n) => n * 10);
      },
      { windowMs: 5, maxItems: 100 },
    );
    const first = await Promise.all([1, 2, 3].map((n) => store(n)));
    expect(first).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);

    // Items that arrive while a commit runs form the next group.
    const a = store(4);
    await new Promise((r) => setTimeout(r, 10));
    const rest = [5, 6, 7].map((n) => store(n));
    expect(await Promise.all([a, ...rest])).toEqual([40, 50, 60, 70]);
    expect(groups.slice(1)).toEqual([[4], [5, 6, 7]]);
    expect(overlapped).toBe(false);
  });

  it('commits a full group at once and leaves the rest to the next', async () => {
    const groups: number[][] = [];
    const store = groupCommitter(
      async (items: number[]) => {
        groups.push(items);
        return items;
      },
      { windowMs: 1000, maxItems: 2 },
    );
    const started = Date.now();
    expect(await Promise.all([1, 2, 3, 4].map((n) => store(n)))).toEqual([1, 2, 3, 4]);
    expect(groups).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('fails only the caller whose item cannot be committed', async () => {
    const store = groupCommitter(
      async (items: number[]) => {
        if (items.includes(13)) throw new Error('thirteen');
        return items;
      },
      { windowMs: 5, maxItems: 100 },
    );
    const results = await Promise.allSettled([12, 13, 14].map((n) => store(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'thirteen' });
  });
});
