// QuickBooks Online throttles per realm: at most 500 requests a minute and 10
// in flight at once (429 beyond either). This limiter keeps a client under
// both: a concurrency bound plus a sliding window of request start times.

export type RateLimiterOptions = {
  maxConcurrent: number;
  maxPerWindow: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type RateLimiter = {
  /** Runs `task` once a concurrency slot and a window slot are free. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Counts a request made outside `run` (a retry inside a running task) against the window. */
  note(): void;
  readonly active: number;
  readonly pending: number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { maxConcurrent, maxPerWindow, windowMs } = options;
  for (const [name, v] of Object.entries({ maxConcurrent, maxPerWindow, windowMs })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const starts: number[] = [];
  const waiting: Array<() => void> = [];
  let active = 0;

  const prune = () => {
    const cutoff = now() - windowMs;
    while (starts.length > 0 && starts[0]! <= cutoff) starts.shift();
  };

  async function acquire(): Promise<void> {
    if (active < maxConcurrent) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // the releaser hands its slot over
    for (;;) {
      prune();
      if (starts.length < maxPerWindow) break;
      await sleep(Math.max(1, starts[0]! + windowMs - now() + 1));
    }
    starts.push(now());
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    note() {
      prune();
      starts.push(now());
    },
    get active() {
      return active;
    },
    get pending() {
      return waiting.length;
    },
  };
}
