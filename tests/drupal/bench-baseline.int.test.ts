import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as baseline from '@/app/api/v1/sites/bench-baseline/route';
import { resetEnvForTests } from '@/lib/core/env';
import { useTestDatabase } from '@/tests/db';
import { seedWorld } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { apiKeyFor } from './helpers';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let key: string;

beforeAll(async () => {
  database = await useTestDatabase();
  const world = await seedWorld(database.db);
  key = await apiKeyFor(database.db, { organizationId: world.orgA, siteId: world.siteA });
});
afterAll(async () => {
  delete process.env.BENCH;
  resetEnvForTests();
  await database.drop();
});

describe('benchmark baseline endpoint', () => {
  it('does not exist unless BENCH=1', async () => {
    const res = await call(baseline.POST, '/api/v1/sites/bench-baseline', { method: 'POST', headers: { 'x-api-key': key }, body: { modules: [] } });
    expect(res.status).toBe(404);
    process.env.BENCH = '1';
    resetEnvForTests();
    const on = await call(baseline.POST, '/api/v1/sites/bench-baseline', { method: 'POST', headers: { 'x-api-key': key }, body: { modules: [] } });
    expect(on.status).toBe(202);
  });
});
