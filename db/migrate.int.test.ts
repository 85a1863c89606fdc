import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/tests/db';
import { migrateDownAll, migrateToLatest } from './migrate';
import { migrations } from './migrations';

async function tableNames(db: Parameters<typeof migrateToLatest>[0]) {
  const rows = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => database.drop());

  it('lists every migration file of db/migrations in the registry', () => {
    const files = fs
      .readdirSync(path.join(__dirname, 'migrations'))
      .filter((f) => /^\d{14}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it('applies every migration up, is idempotent, and reverts them all down', async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied).toEqual(Object.keys(migrations).sort());
    const tables = await tableNames(database.db);
    for (const t of ['organizations', 'users', 'sites', 'api_keys', 'audit_logs', 'job_batches', 'job_runs']) {
      expect(tables).toContain(t);
    }
    expect(await migrateToLatest(database.db)).toEqual([]);

    const reverted = await migrateDownAll(database.db);
    expect(reverted).toEqual(Object.keys(migrations).sort().reverse());
    expect(await tableNames(database.db)).toEqual([]);

    // And up again from nothing: down really undid everything.
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations).sort());
  });

  it('keeps e-mail addresses unique among live users only, case-insensitively', async () => {
    const org = await database.db.insertInto('organizations').values({ name: 'Uniq Org' }).returning('id').executeTakeFirstOrThrow();
    const user = { name: 'x', hashed_password: 'h', organization_id: org.id, role: 'viewer' as const };
    await database.db.insertInto('users').values({ ...user, email: 'Same@Example.test' }).execute();
    await expect(database.db.insertInto('users').values({ ...user, email: 'same@example.test' }).execute()).rejects.toMatchObject({
      code: '23505',
    });
    await database.db.updateTable('users').set({ is_deleted: true }).where('email', '=', 'Same@Example.test').execute();
    await database.db.insertInto('users').values({ ...user, email: 'same@example.test' }).execute();
  });
});
