// Bounds on work in flight: a client's requests at once, and a list mapped
// with at most N calls running.

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly limit: number;
  readonly active: number;
  readonly pending: number;
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  }
}

export function createLimiter(limit: number): Limiter {
  checkLimit(limit);
  let active = 0;
  const queue: Array<() => void> = [];
  const next = () => {
    while (active < limit && queue.length > 0) {
      const start = queue.shift();
      if (start) {
        active += 1;
        start();
      }
    }
  };
  return {
    limit,
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
  };
}

/**
 * Maps with at most `limit` calls in flight, keeping input order. The first
 * failure rejects the whole map and stops new calls from starting.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  checkLimit(limit);
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && nextIndex < items.length) {
      const index = nextIndex++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
