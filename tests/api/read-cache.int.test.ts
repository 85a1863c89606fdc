import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataRevision } from '@/db/queries/revisions';
import { cachedRead, cacheTagOf } from '@/lib/core/read-cache';
import { STATUS_TABLES } from '@/lib/collectors/status';
import { INVENTORY_TABLES } from '@/lib/inventory/cached';
import { QBR_TABLES } from '@/lib/qbr/cached';
import { createTestDatabase, testDbKind } from '@/tests/db';

// The read cache against a real database: an answer is computed again
// exactly when a table it reads has changed, by any connection, once the
// change is committed.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function counter() {
  let computed = 0;
  const read = (key: unknown[] = ['all']) =>
    cachedRead(database.db, { name: 'test.organisations', tables: ['organizations'], key }, async () => {
      computed += 1;
      const rows = await database.db.selectFrom('organizations').select('name').orderBy('id').execute();
      return { names: rows.map((r) => r.name) };
    });
  return { read, computed: () => computed };
}

describe('cachedRead', () => {
  it('computes once while the tables stand still, and again after a change to one of them', async () => {
    const { read, computed } = counter();
    const first = await read();
    expect(await read()).toBe(first);
    expect(computed()).toBe(1);

    // A table the read does not depend on changes nothing.
    await sql`insert into audit_logs (actor_type, actor_label, action, entity_type, status) values ('system', 'test', 'test.noop', 'test', 'success')`.execute(database.db);
    expect(await read()).toBe(first);
    expect(computed()).toBe(1);

    await database.db.insertInto('organizations').values({ name: 'Read Cache Ltd' }).execute();
    const second = await read();
    expect(computed()).toBe(2);
    expect(second.names).toContain('Read Cache Ltd');
    expect(first.names).not.toContain('Read Cache Ltd');
    // One statement changing many rows, and a delete, each count.
    await database.db.updateTable('organizations').set({ name: 'Read Cache Limited' }).where('name', '=', 'Read Cache Ltd').execute();
    expect((await read()).names).toContain('Read Cache Limited');
    await database.db.deleteFrom('organizations').where('name', '=', 'Read Cache Limited').execute();
    expect((await read()).names).not.toContain('Read Cache Limited');
    expect(computed()).toBe(4);
  });

  it('keeps answers apart by key, shares one computation among concurrent callers, and freezes what it shares', async () => {
    const { read, computed } = counter();
    const [a, b, c] = await Promise.all([read(['org', 1]), read(['org', 1]), read(['org', 2])]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(computed()).toBe(2);
    expect(() => (a.names as string[]).push('x')).toThrow(TypeError);
    const tag = cacheTagOf(a)!;
    expect(JSON.parse(tag.json)).toEqual(a);
    expect(tag.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(cacheTagOf(c)!.etag).toBe(tag.etag); // same content, same tag
    expect(cacheTagOf({ names: [] })).toBeUndefined();
  });

  it('keeps no failed answer', async () => {
    let calls = 0;
    const failing = () =>
      cachedRead(database.db, { name: 'test.failing', tables: ['organizations'], key: [] }, async () => {
        calls += 1;
        if (calls === 1) throw new Error('first call fails');
        return { ok: true };
      });
    await expect(failing()).rejects.toThrow('first call fails');
    await expect(failing()).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('refuses to cache a read of a table that keeps no revision', async () => {
    let computed = 0;
    const read = () => cachedRead(database.db, { name: 'test.untracked', tables: ['organizations', 'audit_logs'], key: [] }, async () => ({ n: ++computed }));
    await expect(read()).rejects.toThrow('No data revision is kept for audit_logs');
    expect(computed).toBe(0);
  });

  it('has a revision for every table the slices cache reads of', async () => {
    for (const tables of [INVENTORY_TABLES, QBR_TABLES, STATUS_TABLES]) await expect(dataRevision(database.db, tables)).resolves.toMatch(/^\d+$/);
  });

  it('serves an answer for at most maxAgeMs while the tables stand still', async () => {
    let computed = 0;
    const read = () => cachedRead(database.db, { name: 'test.clock', tables: ['organizations'], key: [], maxAgeMs: 1 }, async () => ({ n: ++computed }));
    await read();
    await new Promise((r) => setTimeout(r, 5));
    expect((await read()).n).toBe(2);
  });
});

describe.runIf(testDbKind() === 'postgres')('data revisions across connections', () => {
  it('moves when another connection commits, not before', async () => {
    const other = new pg.Client({ connectionString: database.url! });
    await other.connect();
    try {
      const before = await dataRevision(database.db, ['organizations']);
      await other.query('begin');
      await other.query("insert into organizations (name) values ('Uncommitted Ltd')");
      expect(await dataRevision(database.db, ['organizations'])).toBe(before);
      await other.query('commit');
      expect(BigInt(await dataRevision(database.db, ['organizations']))).toBeGreaterThan(BigInt(before));
    } finally {
      await other.end();
    }
  });
});
