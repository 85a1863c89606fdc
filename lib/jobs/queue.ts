import { PgBoss, fromPglite } from 'pg-boss';
import { getDatabase } from '@/db';
import { logger } from '@/lib/core/logger';
import { jobs } from './registry';

// pg-boss delivers jobs, on the same database as everything else: through
// its PGlite adapter in embedded mode, its own pool on PostgreSQL.

const store = globalThis as unknown as { __mspBoss?: Promise<PgBoss> };

export const QUEUE_SCHEMA = 'pgboss';

async function createBoss(): Promise<PgBoss> {
  const database = await getDatabase();
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schema: QUEUE_SCHEMA })
      : new PgBoss({ connectionString: database.url!, schema: QUEUE_SCHEMA, max: 4, application_name: 'msp-ops-hub-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of Object.values(jobs)) {
    const options = {
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds,
    };
    const existing = await boss.getQueue(job.name);
    if (!existing) await boss.createQueue(job.name, { ...options, policy: job.singleton ? 'singleton' : 'standard' });
    else {
      await boss.updateQueue(job.name, options);
      // A queue's policy is fixed when it is created.
      if (job.singleton && existing.policy !== 'singleton') logger.warn({ queue: job.name }, 'queue was created without the singleton policy');
    }
  }
  return boss;
}

/** The process's queue client, started on first use. */
export function getBoss(): Promise<PgBoss> {
  if (!store.__mspBoss) {
    store.__mspBoss = createBoss();
    store.__mspBoss.catch(() => {
      store.__mspBoss = undefined;
    });
  }
  return store.__mspBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = store.__mspBoss;
  store.__mspBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000, close: true });
}

/** Queues a job; the data carries the job_runs id so the worker records into it. */
export async function enqueue(name: string, data: Record<string, unknown>): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data);
}
