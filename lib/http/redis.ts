import { Redis } from 'ioredis';
import { env } from '../core/env';
import { logger } from '../core/logger';

// One Redis connection per process when REDIS_URL is set. Commands fail fast
// while it is down (no offline queue), so callers can fall back.
const store = globalThis as unknown as { __mspRedis?: Redis | null };

export function getRedis(): Redis | null {
  if (store.__mspRedis !== undefined) return store.__mspRedis;
  const url = env().REDIS_URL;
  if (!url) return (store.__mspRedis = null);
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  let healthy = true;
  client.on('error', (error) => {
    if (healthy) logger.warn({ err: error.message }, 'redis unavailable; rate limits fall back to this process');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis connection restored');
    healthy = true;
  });
  return (store.__mspRedis = client);
}

/** Connects at start-up so that the first requests already share limits; gives up quietly after a timeout. */
export async function connectRedis(timeoutMs = 3_000): Promise<boolean> {
  const client = getRedis();
  if (!client) return false;
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
