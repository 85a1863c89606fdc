import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ready from '@/app/api/health/ready/route';
import * as users from '@/app/api/v1/users/route';
import { stopBoss } from '@/lib/jobs/queue';
import { setDatabaseForTests } from '@/db';
import { openDatabase, type Database } from '@/db/client';
import { createTestDatabase, testDbKind } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { startTcpProxy } from '@/tests/tcp-proxy';

// Needs a database server that can go away: runs in the PostgreSQL project.
// The embedded database lives inside the process and cannot be unreachable.
describe.runIf(testDbKind() === 'postgres')('database outage', () => {
  let owner: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let viaProxy: Database;
  let world: World;
  let token: string;

  beforeAll(async () => {
    owner = await createTestDatabase();
    world = await seedWorld(owner.db);
    token = await bearerFor(owner.db, world.adminA.id);
    const direct = new URL(owner.url!);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const proxied = new URL(owner.url!);
    proxied.port = String(proxy.port);
    proxied.hostname = '127.0.0.1';
    viaProxy = await openDatabase({ kind: 'postgres', url: proxied.toString(), poolSize: 3 });
    setDatabaseForTests(viaProxy);
  });
  afterAll(async () => {
    await stopBoss();
    await viaProxy.close();
    await proxy.close();
    await owner.drop();
  });

  it('answers 503 in the error format while the database is down and recovers by itself', async () => {
    const headers = { authorization: token };
    expect((await call(users.GET, '/api/v1/users', { headers })).status).toBe(200);

    await proxy.cut();
    const started = Date.now();
    const down = await call(users.GET, '/api/v1/users', { headers });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ status_code: 503, error: 'service_unavailable' });
    expect(down.headers.get('retry-after')).toBe('5');
    expect(Date.now() - started).toBeLessThan(5_000);
    const readiness = await call(ready.GET, '/api/health/ready');
    expect(readiness.status).toBe(503);
    expect(readiness.json.details.checks.database.status).toBe('down');

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await call(users.GET, '/api/v1/users', { headers })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await call(ready.GET, '/api/health/ready')).status).toBe(200);
  });
});
