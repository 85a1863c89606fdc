import crypto from 'node:crypto';
import { PgBoss, fromKysely, fromPglite, type SendOptions } from 'pg-boss';
import { getDatabase, type Db } from '@/db';
import { logger } from '@/lib/core/logger';
import type { JobDefinition } from './definition';

// pg-boss delivers jobs, on the same database as everything else: through
// its PGlite adapter in embedded mode, its own pool on PostgreSQL. Queues are
// created from their definitions, lazily, once per queue client: this module
// knows no list of jobs (jobs/registry.ts does).

const store = globalThis as unknown as { __mspBoss?: Promise<PgBoss> };
/** Per queue client, the queues made ready for sending (see prepareQueue). */
const prepared = new WeakMap<PgBoss, Map<string, Promise<void>>>();

export const QUEUE_SCHEMA = 'pgboss';

export type QueueSendOptions = Pick<SendOptions, 'priority' | 'retryLimit' | 'startAfter'>;

async function createBoss(): Promise<PgBoss> {
  const database = await getDatabase();
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schema: QUEUE_SCHEMA })
      : new PgBoss({ connectionString: database.url!, schema: QUEUE_SCHEMA, max: 4, application_name: 'msp-ops-hub-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
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

async function createOrUpdateQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  const options = { retryLimit: job.retryLimit, retryDelay: job.retryDelaySeconds, retryBackoff: true, expireInSeconds: job.expireInSeconds };
  const existing = await boss.getQueue(job.name);
  if (!existing) await boss.createQueue(job.name, { ...options, policy: job.singleton ? 'singleton' : 'standard' });
  else {
    await boss.updateQueue(job.name, options);
    // A queue's policy is fixed when it is created.
    if (job.singleton && existing.policy !== 'singleton') logger.warn({ queue: job.name }, 'queue was created without the singleton policy');
  }
}

// pg-boss looks a queue up in its own cache, and on a miss reads it through
// its own connection. Inside a transaction on the embedded database that read
// would wait for the transaction, which waits for it; so each queue is looked
// up once per queue client, outside any transaction, before the first send
// (deleting a job that cannot exist is the cheapest call that fills the cache).
async function warm(boss: PgBoss, name: string): Promise<void> {
  await boss.deleteJob(name, crypto.randomUUID());
}

function once(boss: PgBoss, key: string, work: () => Promise<void>): Promise<void> {
  const ready = prepared.get(boss) ?? new Map<string, Promise<void>>();
  prepared.set(boss, ready);
  let done = ready.get(key);
  if (!done) {
    done = work();
    ready.set(key, done);
    done.catch(() => ready.delete(key));
  }
  return done;
}

/**
 * Creates (or updates) the job's queue and makes it ready for sending, once
 * per process. Call it outside any transaction: queueRun does, and a caller
 * that queues inside its own transaction calls it before opening it.
 */
export async function prepareQueue(job: JobDefinition): Promise<void> {
  const boss = await getBoss();
  await once(boss, `job:${job.name}`, async () => {
    await createOrUpdateQueue(boss, job);
    await warm(boss, job.name);
  });
}

/** Makes an existing queue ready for sending when only its name is known (a waiting run's). */
export async function prepareQueueNamed(name: string): Promise<void> {
  const boss = await getBoss();
  const ready = prepared.get(boss);
  if (ready?.has(`job:${name}`) || ready?.has(`name:${name}`)) return;
  await once(boss, `name:${name}`, () => warm(boss, name));
}

/** True when this process has made the job's queue ready (prepareQueue). */
export async function isQueuePrepared(name: string): Promise<boolean> {
  const ready = prepared.get(await getBoss());
  return Boolean(ready?.has(`job:${name}`) || ready?.has(`name:${name}`));
}

/**
 * Hands a job to its queue; in `trx` (a transaction) it is queued with it,
 * so that it is delivered only if the transaction commits. The queue must be
 * ready (prepareQueue) when a transaction is given.
 */
/**
 * Hands many jobs of one queue to it in one statement, inside the
 * transaction `trx`. The queue must be ready (prepareQueue).
 */
export async function enqueueMany(name: string, data: readonly Record<string, unknown>[], trx: Db): Promise<void> {
  if (data.length === 0) return;
  const boss = await getBoss();
  await boss.insert(name, data.map((d) => ({ data: d })), { db: fromKysely(trx) });
}

export async function enqueue(name: string, data: Record<string, unknown>, options: QueueSendOptions = {}, trx?: Db): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data, trx ? { ...options, db: fromKysely(trx) } : options);
}
