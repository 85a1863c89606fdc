import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as catchAll from '@/app/api/[...path]/route';
import * as health from '@/app/api/health/route';
import * as ready from '@/app/api/health/ready/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as login from '@/app/api/v1/auth/login/route';
import * as organizations from '@/app/api/v1/organizations/route';
import { readBrowserSession } from '@/lib/auth/session-cookie';
import { encode } from 'next-auth/jwt';
import { authSecret } from '@/lib/auth/secret';
import { createSession } from '@/lib/auth/sessions';
import { toAppError } from '@/lib/http/route';
import { useTestDatabase } from '@/tests/db';
import type { World } from '@/tests/fixtures';
import { closeTestDatabase, seedWorldWithSuperuser } from './helpers';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let su: string;

beforeAll(async () => {
  database = await useTestDatabase();
  ({ world, su } = await seedWorldWithSuperuser(database.db));
});
afterAll(() => closeTestDatabase(database));

const ERROR_KEYS = ['details', 'error', 'message', 'request_id', 'status_code', 'timestamp'];

describe('error format and HTTP conventions', () => {
  it('answers unknown API paths with 404 in the error format, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await call(catchAll[method], '/api/v1/nothing-here', { method });
      expect(res.status).toBe(404);
      expect(Object.keys(res.json).sort()).toEqual(ERROR_KEYS);
      expect(res.json.request_id).toBe(res.headers.get('x-request-id'));
    }
  });

  it('answers undeclared methods with 405, an Allow header and the error format', async () => {
    const res = await call(organizations.PATCH, '/api/v1/organizations', { method: 'PATCH', headers: { authorization: su } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect(Object.keys(res.json).sort()).toEqual(ERROR_KEYS);
  });

  it('refuses bodies over the limit with 413 before parsing them', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { authorization: su, 'content-type': 'application/json' },
      rawBody: big,
    });
    expect(res.status).toBe(413);
    expect(res.json.error).toBe('payload_too_large');
  });

  it('refuses non-JSON bodies with 415', async () => {
    const res = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { authorization: su, 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: 'name=x',
    });
    expect(res.status).toBe(415);
  });

  it('validates types with 422 and field details, and stores nothing', async () => {
    const before = await database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await call(organizations.POST, '/api/v1/organizations', { method: 'POST', headers: { authorization: su }, body: { name: 42 } });
    expect(res.status).toBe(422);
    expect(res.json.details).toEqual([expect.objectContaining({ path: 'name', code: 'invalid_type' })]);
    const after = await database.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps a sane caller request id and replaces an insane one', async () => {
    const kept = await call(health.GET, '/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await call(health.GET, '/api/health', { headers: { 'x-request-id': 'bad id\nwith newline'.replace('\n', ' ') } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns unknown errors into a 500 that reveals nothing', () => {
    const err = toAppError(new Error('relation "secret_table" does not exist at /srv/app/db.ts:42'), 'rid');
    expect(err.status).toBe(500);
    expect(err.message).not.toMatch(/secret_table|\.ts/);
    expect(toAppError(Object.assign(new Error('dup'), { code: '23505' }), 'rid').status).toBe(409);
    expect(toAppError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'rid').status).toBe(503);
  });

  it('reports readiness of the database and the job queue', async () => {
    const res = await call(ready.GET, '/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.json.checks.database.status).toBe('up');
    expect(res.json.checks.queue.status).toBe('up');
    expect(res.json.checks.redis.status).toBe('disabled');
  });

  it('protects metrics with METRICS_TOKEN', async () => {
    const res = await call(metricsRoute.GET, '/api/metrics');
    expect(res.status).toBe(403);
  });
});

describe('CORS and cross-site requests', () => {
  it('answers preflight without CORS headers for an origin not on the allow-list', async () => {
    const res = await call(organizations.OPTIONS, '/api/v1/organizations', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const sid = await createSession(database.db, world.superuser.id, 'browser', { ip: null, userAgent: null, requestId: null });
    const name = 'authjs.session-token';
    const token = await encode({ token: { uid: world.superuser.id, sid }, secret: authSecret(), salt: name });
    expect(await readBrowserSession(`${name}=${token}`)).toEqual({ userId: world.superuser.id, sessionId: sid });
    const cookie = `${name}=${token}`;
    const crossSite = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: { name: 'Cross-site org' },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
      body: { name: 'Same-site org' },
    });
    expect(sameSite.status).toBe(201);
    const read = await call(organizations.GET, '/api/v1/organizations', { headers: { cookie } });
    expect(read.status).toBe(200);
  });

  it('rate-limits API calls per caller with 429 and Retry-After', async () => {
    // The login route's limit is 30 a minute per address.
    let res;
    for (let i = 0; i < 31; i++) {
      res = await call(login.POST, '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'x-msp-client-ip': '198.51.100.200' },
        body: { email: `x${i}@example.test`, password: 'whatever-password' },
      });
    }
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res!.headers.get('ratelimit-limit')).toBe('30');
  });
});
