import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as apiKeys from '@/app/api/v1/api-keys/route';
import * as apiKey from '@/app/api/v1/api-keys/[id]/route';
import * as auditLogs from '@/app/api/v1/audit-logs/route';
import * as me from '@/app/api/v1/auth/me/route';
import * as organizations from '@/app/api/v1/organizations/route';
import * as organization from '@/app/api/v1/organizations/[id]/route';
import * as userAdd from '@/app/api/v1/users/add/route';
import * as userDelete from '@/app/api/v1/users/delete/[id]/route';
import * as userGet from '@/app/api/v1/users/[id]/route';
import * as userUpdate from '@/app/api/v1/users/update/[id]/route';
import * as users from '@/app/api/v1/users/route';
import { sql } from 'kysely';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let tokens: Record<'super' | 'adminA' | 'devA' | 'viewerA' | 'adminB', string>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  tokens = {
    super: await bearerFor(database.db, world.superuser.id),
    adminA: await bearerFor(database.db, world.adminA.id),
    devA: await bearerFor(database.db, world.devA.id),
    viewerA: await bearerFor(database.db, world.viewerA.id),
    adminB: await bearerFor(database.db, world.adminB.id),
  };
});
afterAll(async () => database.drop());

/** A fingerprint of every row the API could change, to prove a refused request changed nothing. */
async function snapshot() {
  const tables = ['organizations', 'users', 'sites', 'api_keys'] as const;
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    out[t] = (await sql`select md5(coalesce(string_agg(t::text, '|' order by id), '')) as h from ${sql.table(t)} t`.execute(database.db)).rows;
  }
  return out;
}

async function createKey(token: string, body: Record<string, unknown>) {
  return call(apiKeys.POST, '/api/v1/api-keys', { method: 'POST', headers: { authorization: token }, body });
}

describe('tenant isolation', () => {
  it('answers 404 for every id route of another tenant, and changes nothing', async () => {
    const before = await snapshot();
    const a = { authorization: tokens.adminA };
    const bUser = String(world.viewerB.id);
    const attempts = [
      await call(organization.GET, `/api/v1/organizations/${world.orgB}`, { headers: a, params: { id: String(world.orgB) } }),
      await call(organization.PUT, `/api/v1/organizations/${world.orgB}`, { method: 'PUT', headers: a, params: { id: String(world.orgB) }, body: { name: 'pwned' } }),
      await call(organization.DELETE, `/api/v1/organizations/${world.orgB}`, { method: 'DELETE', headers: a, params: { id: String(world.orgB) } }),
      await call(userGet.GET, `/api/v1/users/${bUser}`, { headers: a, params: { id: bUser } }),
      await call(userUpdate.PUT, `/api/v1/users/update/${bUser}`, { method: 'PUT', headers: a, params: { id: bUser }, body: { name: 'pwned' } }),
      await call(userDelete.DELETE, `/api/v1/users/delete/${bUser}`, { method: 'DELETE', headers: a, params: { id: bUser } }),
      await createKey(tokens.adminA, { name: 'x', organization_id: world.orgB, role: 'viewer' }),
      await createKey(tokens.adminA, { name: 'x', organization_id: world.orgA, role: 'viewer', site_id: world.siteB }),
      await call(userAdd.POST, '/api/v1/users/add', {
        method: 'POST',
        headers: a,
        body: { name: 'x', email: 'x@example.test', password: 'long enough password', organization_id: world.orgB },
      }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ status_code: 404, error: 'not_found' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lists only the caller’s organisation', async () => {
    const orgs = await call(organizations.GET, '/api/v1/organizations', { headers: { authorization: tokens.viewerA } });
    expect(orgs.status).toBe(200);
    expect(orgs.json.data.map((o: { id: number }) => o.id)).toEqual([world.orgA]);
    const everyone = await call(organizations.GET, '/api/v1/organizations', { headers: { authorization: tokens.super } });
    expect(everyone.json.meta.total).toBe(3);
    const people = await call(users.GET, '/api/v1/users?per_page=100', { headers: { authorization: tokens.adminA } });
    expect(new Set(people.json.data.map((u: { organization_id: number }) => u.organization_id))).toEqual(new Set([world.orgA]));
  });

  it('confines an API key to its organisation and site', async () => {
    const created = await createKey(tokens.adminA, { name: 'site key', organization_id: world.orgA, role: 'developer', site_id: world.siteA });
    expect(created.status).toBe(201);
    const key = created.json.data.key as string;
    expect(key).toMatch(/^msp_[A-Za-z0-9]{8}_/);
    const stored = await database.db.selectFrom('api_keys').selectAll().where('id', '=', created.json.data.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key.slice(13));

    const who = await call(me.GET, '/api/v1/auth/me', { headers: { 'x-api-key': key } });
    expect(who.status).toBe(200);
    expect(who.json.data.api_key).toMatchObject({ organization_id: world.orgA, site_id: world.siteA, role: 'developer' });
    const orgB = await call(organization.GET, `/api/v1/organizations/${world.orgB}`, { headers: { 'x-api-key': key }, params: { id: String(world.orgB) } });
    expect(orgB.status).toBe(404);
    // Keys never manage people or keys, whatever their role.
    const adminKey = (await createKey(tokens.adminA, { name: 'admin key', organization_id: world.orgA, role: 'org_admin' })).json.data.key;
    expect((await call(users.GET, '/api/v1/users', { headers: { 'x-api-key': adminKey } })).status).toBe(403);
    expect((await createKey('', { name: 'x', organization_id: world.orgA, role: 'viewer' })).status).toBe(401);
    const viaKey = await call(apiKeys.POST, '/api/v1/api-keys', {
      method: 'POST',
      headers: { 'x-api-key': adminKey },
      body: { name: 'x', organization_id: world.orgA, role: 'viewer' },
    });
    expect(viaKey.status).toBe(401);
  });

  it('revokes a key at once and records when a key was last used', async () => {
    const created = (await createKey(tokens.adminA, { name: 'short-lived', organization_id: world.orgA, role: 'viewer' })).json.data;
    expect((await call(me.GET, '/api/v1/auth/me', { headers: { 'x-api-key': created.key } })).status).toBe(200);
    const used = await database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).toBeInstanceOf(Date);

    const listed = await call(apiKeys.GET, '/api/v1/api-keys', { headers: { authorization: tokens.adminA } });
    expect(listed.json.data.find((k: { id: number }) => k.id === created.id)).not.toHaveProperty('key');
    expect(JSON.stringify(listed.json)).not.toContain(created.key);

    const otherTenant = await call(apiKey.DELETE, `/api/v1/api-keys/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: tokens.adminB },
      params: { id: String(created.id) },
    });
    expect(otherTenant.status).toBe(404);
    const revoked = await call(apiKey.DELETE, `/api/v1/api-keys/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: tokens.adminA },
      params: { id: String(created.id) },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json.data.is_revoked).toBe(true);
    const after = await call(me.GET, '/api/v1/auth/me', { headers: { 'x-api-key': created.key } });
    expect(after.status).toBe(401);
  });

  it('lets roles do only what the policy allows', async () => {
    const viewerAdds = await call(userAdd.POST, '/api/v1/users/add', {
      method: 'POST',
      headers: { authorization: tokens.viewerA },
      body: { name: 'x', email: 'viewer-made@example.test', password: 'long enough password' },
    });
    expect(viewerAdds.status).toBe(403);
    const escalate = await call(userAdd.POST, '/api/v1/users/add', {
      method: 'POST',
      headers: { authorization: tokens.adminA },
      body: { name: 'x', email: 'escalate@example.test', password: 'long enough password', role: 'superuser' },
    });
    expect(escalate.status).toBe(403);
    const devKeys = await createKey(tokens.devA, { name: 'x', organization_id: world.orgA, role: 'viewer' });
    expect(devKeys.status).toBe(403);
    const audit = await call(auditLogs.GET, '/api/v1/audit-logs', { headers: { authorization: tokens.viewerA } });
    expect(audit.status).toBe(403);
    const createOrg = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { authorization: tokens.adminA },
      body: { name: 'Side business' },
    });
    expect(createOrg.status).toBe(403);
  });
});
