import { getDatabase } from '@/db';
import { pingDatabase } from '@/db/queries/health';
import { getBoss } from '@/lib/jobs/queue';
import { getRedis } from '@/lib/http/redis';

export type Check = { status: 'up' | 'down' | 'disabled'; latency_ms?: number; error?: string };

const TIMEOUT_MS = 2_000;

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
    ]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message.slice(0, 200) : 'unavailable' };
  }
}

/** Readiness of every dependency: database, Redis (when configured) and the job queue. */
export async function checkReadiness() {
  const [database, redis, queue] = await Promise.all([
    timed(async () => pingDatabase((await getDatabase()).db)),
    getRedis() ? timed(() => getRedis()!.ping()) : Promise.resolve<Check>({ status: 'disabled' }),
    timed(async () => {
      const boss = await getBoss();
      await boss.getQueues();
    }),
  ]);
  const checks = { database, redis, queue };
  const ready = Object.values(checks).every((c) => c.status !== 'down');
  return { ready, checks };
}
