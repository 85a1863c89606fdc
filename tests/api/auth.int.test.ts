import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as login from '@/app/api/v1/auth/login/route';
import * as logout from '@/app/api/v1/auth/logout/route';
import * as me from '@/app/api/v1/auth/me/route';
import * as refresh from '@/app/api/v1/auth/refresh/route';
import * as userUpdate from '@/app/api/v1/users/update/[id]/route';
import { SignJWT } from 'jose';
import { resetLimitersForTests } from '@/lib/http/rate-limit';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, PASSWORD, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
});
afterAll(async () => database.drop());
beforeEach(() => resetLimitersForTests());

const doLogin = (email: string, password = PASSWORD, ip = '198.51.100.1') =>
  call(login.POST, '/api/v1/auth/login', { method: 'POST', body: { email, password }, headers: { 'x-msp-client-ip': ip } });

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer token pair in the envelope that works on the API', async () => {
    const res = await doLogin(world.adminA.email);
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(res.json.meta).toEqual({ page: 1, per_page: 1, total: 1 });
    expect(res.json.links.self).toBe('/api/v1/auth/login');
    const who = await call(me.GET, '/api/v1/auth/me', { headers: { authorization: `Bearer ${res.json.data.access_token}` } });
    expect(who.status).toBe(200);
    expect(who.json.data.user.email).toBe(world.adminA.email);
    expect(who.json.data.role).toBe('org_admin');
    const entry = await database.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('status', '=', 'success')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: 'user', actor_id: world.adminA.id, actor_label: world.adminA.email, ip: '198.51.100.1' });
  });

  it('refuses a wrong password with 401 and records the failure', async () => {
    const res = await doLogin(world.adminA.email, 'wrong password!!');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ status_code: 401, error: 'unauthorized' });
    const audit = await database.db
      .selectFrom('audit_logs')
      .select(['status', 'action'])
      .where('action', '=', 'auth.login')
      .where('status', '=', 'failure')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('locks an account after repeated failures, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await doLogin(world.viewerB.email, 'nope-nope-nope', `203.0.113.${i}`)).status).toBe(401);
    const locked = await doLogin(world.viewerB.email, PASSWORD, '203.0.113.99');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.json.error).toBe('rate_limited');
  });

  it('throttles one address guessing across many accounts', async () => {
    let last = 0;
    for (let i = 0; i < 51; i++) last = (await doLogin(`nobody${i}@example.test`, 'guess-guess-guess', '192.0.2.77')).status;
    expect(last).toBe(429);
    // Another address is unaffected.
    expect((await doLogin(world.devA.email, PASSWORD, '192.0.2.78')).status).toBe(200);
  });

  it('rejects unknown fields and malformed bodies in the error format', async () => {
    const extra = await call(login.POST, '/api/v1/auth/login', {
      method: 'POST',
      body: { email: world.adminA.email, password: PASSWORD, role: 'superuser' },
    });
    expect(extra.status).toBe(422);
    expect(extra.json.details[0].code).toBe('unrecognized_keys');
    const broken = await call(login.POST, '/api/v1/auth/login', {
      method: 'POST',
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once and yields a new pair', async () => {
    const first = (await doLogin(world.devA.email)).json.data;
    const second = await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: first.refresh_token } });
    expect(second.status).toBe(200);
    expect(second.json.data.refresh_token).not.toBe(first.refresh_token);
    const third = await call(refresh.POST, '/api/v1/auth/refresh', {
      method: 'POST',
      body: { refresh_token: second.json.data.refresh_token },
    });
    expect(third.status).toBe(200);
  });

  it('detect reuse: replaying a spent token revokes the whole session, access tokens included', async () => {
    const first = (await doLogin(world.devA.email)).json.data;
    const rotated = (await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: first.refresh_token } }))
      .json.data;
    const replay = await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: first.refresh_token } });
    expect(replay.status).toBe(401);
    expect(replay.json.message).toMatch(/revoked/);
    // The legitimate holder's newer tokens die with the family.
    const again = await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: rotated.refresh_token } });
    expect(again.status).toBe(401);
    const access = await call(me.GET, '/api/v1/auth/me', { headers: { authorization: `Bearer ${rotated.access_token}` } });
    expect(access.status).toBe(401);
  });

  it('refuses unknown refresh tokens', async () => {
    const res = await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: 'rt_made_up' } });
    expect(res.status).toBe(401);
  });
});

describe('logout and session checks', () => {
  it('revokes the session: the access token and refresh token stop working at once', async () => {
    const pair = (await doLogin(world.adminB.email)).json.data;
    const auth = { authorization: `Bearer ${pair.access_token}` };
    expect((await call(logout.POST, '/api/v1/auth/logout', { method: 'POST', headers: auth })).status).toBe(200);
    expect((await call(me.GET, '/api/v1/auth/me', { headers: auth })).status).toBe(401);
    expect(
      (await call(refresh.POST, '/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: pair.refresh_token } })).status,
    ).toBe(401);
  });

  it('ends the sessions of a user who is deactivated', async () => {
    const viewerToken = await bearerFor(database.db, world.viewerA.id);
    expect((await call(me.GET, '/api/v1/auth/me', { headers: { authorization: viewerToken } })).status).toBe(200);
    const admin = await bearerFor(database.db, world.adminA.id);
    const res = await call(userUpdate.PUT, `/api/v1/users/update/${world.viewerA.id}`, {
      method: 'PUT',
      headers: { authorization: admin },
      params: { id: String(world.viewerA.id) },
      body: { is_active: false },
    });
    expect(res.status).toBe(200);
    expect((await call(me.GET, '/api/v1/auth/me', { headers: { authorization: viewerToken } })).status).toBe(401);
    await database.db.updateTable('users').set({ is_active: true }).where('id', '=', world.viewerA.id).execute();
  });

  it('refuses forged, unsigned, expired and wrong-audience tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const wrongKey = await new SignJWT({ sid: '00000000-0000-4000-8000-000000000000' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(world.superuser.id))
      .setIssuer('msp-ops-hub')
      .setAudience('msp-ops-hub:api')
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: String(world.superuser.id), sid: 'x', exp: now + 600 })).toString('base64url');
    const unsigned = `${header}.${payload}.`;
    const real = (await bearerFor(database.db, world.superuser.id)).slice(7);
    const [h, p, s] = real.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: String(world.adminB.id) })).toString('base64url')}.${s}`;
    for (const token of [wrongKey, unsigned, tampered, 'garbage']) {
      const res = await call(me.GET, '/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(res.json.error).toBe('unauthorized');
    }
    const basic = await call(me.GET, '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });
});
