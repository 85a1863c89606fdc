import { Migrator, NO_MIGRATIONS, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './client';
import { migrations } from './migrations';

const migrator = (db: Db) =>
  new Migrator({ db, provider: { getMigrations: async () => migrations } });

function check(result: MigrationResultSet, direction: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${direction} failed at ${failed}: ${String((result.error as Error).message ?? result.error)}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateToLatest(), 'up');
}

/** Reverts every migration, newest first (tests and `db:migrate -- down`). */
export async function migrateDownAll(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateTo(NO_MIGRATIONS), 'down');
}
