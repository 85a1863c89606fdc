import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../core/errors';
import { env } from '../core/env';
import { getRedis } from './redis';

// Request limits live in Redis when REDIS_URL is set, so every instance
// shares them; otherwise in this process. When Redis fails mid-flight an
// in-memory insurance limiter takes over rather than letting traffic through
// unlimited or failing requests.

export type LimitName = 'api' | 'auth' | 'ingest' | 'login_account' | 'login_ip';

type LimitSpec = { points: number; duration: number; blockDuration?: number };

function specs(): Record<LimitName, LimitSpec> {
  const e = env();
  return {
    api: { points: e.RATE_LIMIT_PER_MINUTE, duration: 60 },
    auth: { points: 30, duration: 60 },
    ingest: { points: 120, duration: 60 },
    // Failed sign-ins: a handful per account, more per address (offices share one).
    login_account: { points: e.LOGIN_MAX_FAILURES, duration: 15 * 60, blockDuration: 15 * 60 },
    login_ip: { points: 50, duration: 60 * 60, blockDuration: 15 * 60 },
  };
}

const store = globalThis as unknown as { __mspLimiters?: Map<LimitName, RateLimiterAbstract> };

function limiter(name: LimitName): RateLimiterAbstract {
  store.__mspLimiters ??= new Map();
  const existing = store.__mspLimiters.get(name);
  if (existing) return existing;
  const spec = specs()[name];
  const keyPrefix = `msp:rl:${name}`;
  const redis = getRedis();
  const memory = new RateLimiterMemory({ ...spec, keyPrefix });
  const created = redis
    ? new RateLimiterRedis({ ...spec, keyPrefix, storeClient: redis, insuranceLimiter: memory, rejectIfRedisNotReady: true })
    : memory;
  store.__mspLimiters.set(name, created);
  return created;
}

export type LimitState = { limit: number; remaining: number; resetSeconds: number };

function headersFor(name: LimitName, res: RateLimiterRes): Record<string, string> {
  const limit = specs()[name].points;
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, limit - res.consumedPoints)),
    'RateLimit-Reset': String(Math.ceil(res.msBeforeNext / 1000)),
  };
}

/** Takes one point; throws 429 with Retry-After when the key is over its limit. */
export async function consume(name: LimitName, key: string): Promise<Record<string, string>> {
  try {
    const res = await limiter(name).consume(key);
    return headersFor(name, res);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('rate_limited', 'Too many requests; try again later', { retry_after_seconds: retryAfter }, {
        'Retry-After': String(retryAfter),
        ...headersFor(name, rejection),
      });
    }
    throw rejection;
  }
}

/** Throws 429 when the key is currently blocked, without taking a point. */
export async function assertNotBlocked(name: LimitName, key: string): Promise<void> {
  const res = await limiter(name).get(key);
  const spec = specs()[name];
  if (res && res.consumedPoints >= spec.points) {
    const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw new AppError(
      'rate_limited',
      'Too many failed sign-in attempts; try again later',
      { retry_after_seconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}

export async function penalize(name: LimitName, key: string): Promise<void> {
  await limiter(name)
    .penalty(key, 1)
    .catch(() => undefined);
}

export async function forgive(name: LimitName, key: string): Promise<void> {
  await limiter(name)
    .delete(key)
    .catch(() => undefined);
}

/** Tests swap settings between suites. */
export function resetLimitersForTests(): void {
  store.__mspLimiters = undefined;
}
