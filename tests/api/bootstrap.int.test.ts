import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/metrics/route';
import * as organizations from '@/app/api/v1/organizations/route';
import { ensureAdmin } from '@/lib/admin/bootstrap';
import { verifyPassword } from '@/lib/auth/passwords';
import { DEMO_USERS, seedDemo } from '@/lib/demo/seed';
import { resetEnvForTests } from '@/lib/core/env';
import { useTestDatabase } from '@/tests/db';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const saved = { ...process.env };

beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(async () => {
  process.env = saved;
  resetEnvForTests();
  await database.drop();
});

function setEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
  resetEnvForTests();
}

describe('start-up', () => {
  it('makes sure ADMIN_EMAIL is a superuser of the home organisation with ADMIN_PASSWORD', async () => {
    setEnv({ ADMIN_EMAIL: 'Ops@Example.test', ADMIN_PASSWORD: 'first long password' });
    await ensureAdmin();
    const admin = await database.db
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.organization_id')
      .select(['users.role', 'users.hashed_password', 'organizations.is_home'])
      .where('users.email', '=', 'ops@example.test')
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ role: 'superuser', is_home: true });
    expect(await verifyPassword(admin.hashed_password, 'first long password')).toBe(true);

    // A changed password in the environment wins at the next start; still one account.
    setEnv({ ADMIN_PASSWORD: 'second long password' });
    await ensureAdmin();
    const rows = await database.db.selectFrom('users').select('hashed_password').where('email', '=', 'ops@example.test').execute();
    expect(rows).toHaveLength(1);
    expect(await verifyPassword(rows[0]!.hashed_password, 'second long password')).toBe(true);
  });

  it('seeds the demo dataset once, with one user per role', async () => {
    setEnv({ DEMO_PASSWORD: 'demo password for tests' });
    expect(await seedDemo(database.db)).toBe(true);
    expect(await seedDemo(database.db)).toBe(false);
    const users = await database.db.selectFrom('users').select(['email', 'role']).where('email', 'like', '%demo.local').execute();
    expect(users.map((u) => u.role).sort()).toEqual(['developer', 'org_admin', 'superuser', 'viewer']);
    expect(users).toHaveLength(DEMO_USERS.length);
  });
});

describe('settings-driven HTTP behaviour', () => {
  it('answers CORS for an allowed origin only', async () => {
    setEnv({ CORS_ORIGINS: 'https://dashboards.example.test' });
    const allowed = await call(organizations.OPTIONS, '/api/v1/organizations', {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboards.example.test' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboards.example.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('X-API-Key');
    const other = await call(organizations.OPTIONS, '/api/v1/organizations', { method: 'OPTIONS', headers: { origin: 'https://other.example.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves Prometheus metrics to the holder of METRICS_TOKEN only', async () => {
    setEnv({ METRICS_TOKEN: 'metrics-token-for-tests' });
    await call(organizations.GET, '/api/v1/organizations');
    const denied = await call(metricsRoute.GET, '/api/metrics', { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
    const ok = await call(metricsRoute.GET, '/api/metrics', { headers: { authorization: 'Bearer metrics-token-for-tests' } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('http_requests_total{route="/api/v1/organizations",method="GET",status="401"}');
  });
});
