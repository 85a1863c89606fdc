import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '@/db/client';
import { setDatabaseForTests } from '@/db';
import { migrateToLatest } from '@/db/migrate';

// A fresh, migrated database for one test file: in-memory PGlite, or a new
// database on the PostgreSQL server of TEST_DATABASE_URL, dropped afterwards.

export const testDbKind = (): 'pglite' | 'postgres' => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<Database & { drop: () => Promise<void>; url?: string }> {
  if (testDbKind() === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    if (opts.migrate !== false) await migrateToLatest(database.db);
    return { ...database, drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  const name = `msp_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
  if (opts.migrate !== false) await migrateToLatest(database.db);
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Opens a test database and makes it the process database for route handlers. */
export async function useTestDatabase() {
  const database = await createTestDatabase();
  setDatabaseForTests(database);
  return database;
}
