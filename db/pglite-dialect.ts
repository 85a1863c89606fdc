import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

// Kysely dialect for the embedded PGlite database. PGlite is one connection:
// its own transaction() holds a mutex so that no other query (another
// request, pg-boss) runs inside an open transaction. Kysely's begin/commit
// calls are mapped onto that callback.
//
// Consequence: inside a transaction, use only the transaction's handle. A
// query on the outer Kysely instance waits for the transaction to end, and
// the transaction waits for that query: a deadlock.

const ROLLBACK = Symbol('rollback');

class PGliteConnection implements DatabaseConnection {
  #tx: Transaction | undefined;
  #finish: ((commit: boolean) => void) | undefined;
  #done: Promise<unknown> | undefined;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const runner = this.#tx ?? this.pglite;
    const result = await runner.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: 'object' });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && compiled.query.kind !== 'SelectQueryNode'
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on the embedded database');
  }

  async begin(settings: TransactionSettings): Promise<void> {
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    this.#done = this.pglite
      .transaction(async (tx) => {
        this.#tx = tx;
        if (settings.isolationLevel) {
          await tx.exec(`SET TRANSACTION ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}`);
        }
        ready();
        const commit = await new Promise<boolean>((resolve) => (this.#finish = resolve));
        if (!commit) throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      })
      .finally(() => {
        this.#tx = undefined;
        this.#finish = undefined;
      });
    // A failure to start (BEGIN itself failing) must surface here.
    await Promise.race([started, this.#done]);
  }

  async end(commit: boolean): Promise<void> {
    this.#finish?.(commit);
    await this.#done;
    this.#done = undefined;
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly pglite: PGlite) {}
  async init(): Promise<void> {
    await this.pglite.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.pglite);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await (connection as PGliteConnection).begin(settings);
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end(true);
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end(false);
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
