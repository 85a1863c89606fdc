import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './types';

export type Db = Kysely<DB>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded engine, for pg-boss's PGlite adapter (embedded mode only). */
  pglite?: PGlite;
  /** The server's connection string (PostgreSQL mode only). */
  url?: string;
  /** Runs raw SQL (several statements when there are no parameters), for pg-boss. */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  close: () => Promise<void>;
};

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number; applicationName?: string }
  | { kind: 'pglite'; dataDir: string };

// Type parsing is chosen on purpose and the same on both engines: int8
// (counts, big ids) as numbers, numeric (money, metrics) as strings until a
// DTO converts them, date as 'YYYY-MM-DD' strings (never shifted by the
// server's time zone), timestamptz as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseInt8 = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds the safe integer range`);
  return n;
};

let pgTypesConfigured = false;
function configurePgTypes() {
  if (pgTypesConfigured) return;
  pg.types.setTypeParser(INT8, parseInt8);
  pg.types.setTypeParser(NUMERIC, (v: string) => v);
  pg.types.setTypeParser(DATE, (v: string) => v);
  pgTypesConfigured = true;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    configurePgTypes();
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      // Fail fast instead of waiting forever when the server is unreachable.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      application_name: config.applicationName ?? 'msp-ops-hub',
    });
    // An idle client losing its connection must not crash the process; the
    // pool replaces it and the next query reports the outage.
    pool.on('error', () => {});
    // Same for a client whose connection drops while checked out: its query
    // fails and is reported; the event itself must not be fatal.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      url: config.url,
      executeSql: async (text, values) => {
        const result = await pool.query(text, values as unknown[] | undefined);
        return { rows: result.rows };
      },
      close: () => db.destroy(),
    };
  }

  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = config.dataDir === 'memory://';
  if (!inMemory) fs.mkdirSync(config.dataDir, { recursive: true });
  const pglite: PGlite = await PGlite.create({
    dataDir: inMemory ? undefined : path.join(config.dataDir, 'pgdata'),
    parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v, [DATE]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    executeSql: async (text, values) => {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await pglite.query(text, values);
      return { rows: result.rows };
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
