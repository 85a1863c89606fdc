import { env } from '@/lib/core/env';
import { openDatabase, type Database } from './client';
import { migrateToLatest } from './migrate';

export type { Db, Database } from './client';

// One database per process, kept on globalThis so that development reloads
// (and Next's separate module graphs) never open PGlite twice.
const store = globalThis as unknown as { __mspDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  if (!store.__mspDatabase) {
    const e = env();
    store.__mspDatabase = (async () => {
      const database = await openDatabase(
        e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.dataDir },
      );
      await migrateToLatest(database.db);
      return database;
    })();
    // A failed open (server down at start) must not stick: the next caller retries.
    store.__mspDatabase.catch(() => {
      store.__mspDatabase = undefined;
    });
  }
  return store.__mspDatabase;
}

export async function getDb() {
  return (await getDatabase()).db;
}

/** Replaces the process database (tests open their own). */
export function setDatabaseForTests(database: Database | undefined): void {
  store.__mspDatabase = database ? Promise.resolve(database) : undefined;
}
