import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as auditLogs from '@/app/api/v1/audit-logs/route';
import * as me from '@/app/api/v1/auth/me/route';
import * as organizations from '@/app/api/v1/organizations/route';
import * as organization from '@/app/api/v1/organizations/[id]/route';
import * as userAdd from '@/app/api/v1/users/add/route';
import * as userDelete from '@/app/api/v1/users/delete/[id]/route';
import * as userGet from '@/app/api/v1/users/[id]/route';
import * as userUpdate from '@/app/api/v1/users/update/[id]/route';
import * as users from '@/app/api/v1/users/route';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let su: string;
let adminA: string;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  su = await bearerFor(database.db, world.superuser.id);
  adminA = await bearerFor(database.db, world.adminA.id);
});
afterAll(async () => database.drop());

describe('organisations', () => {
  it('creates, renames with a revision, refuses duplicates, and lists with pagination links', async () => {
    const created = await call(organizations.POST, '/api/v1/organizations', {
      method: 'POST',
      headers: { authorization: su, 'x-request-id': 'req-create-org-1', 'x-msp-client-ip': '192.0.2.10' },
      body: { name: 'Delta Dental', tax_id: '12-3456789' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('req-create-org-1');
    const id = created.json.data.id as number;
    expect(created.json.data).toMatchObject({ name: 'Delta Dental', tax_id: '12-3456789', is_active: true, is_deleted: false });

    const dup = await call(organizations.POST, '/api/v1/organizations', { method: 'POST', headers: { authorization: su }, body: { name: 'delta dental' } });
    expect(dup.status).toBe(409);
    expect(dup.json.details).toEqual({ field: 'name' });

    const renamed = await call(organization.PUT, `/api/v1/organizations/${id}`, {
      method: 'PUT',
      headers: { authorization: su },
      params: { id: String(id) },
      body: { name: 'Delta Dental Group' },
    });
    expect(renamed.json.data.name).toBe('Delta Dental Group');
    const revisions = await database.db.selectFrom('organization_revisions').selectAll().where('organization_id', '=', id).execute();
    expect(revisions).toHaveLength(2);

    const audit = await database.db.selectFrom('audit_logs').selectAll().where('entity_type', '=', 'organization').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['organization.create', 'organization.update']);
    expect(audit[0]).toMatchObject({ actor_label: world.superuser.email, request_id: 'req-create-org-1', ip: '192.0.2.10', status: 'success' });
    expect(audit[1]!.before).toMatchObject({ name: 'Delta Dental' });
    expect(audit[1]!.after).toMatchObject({ name: 'Delta Dental Group' });

    const page1 = await call(organizations.GET, '/api/v1/organizations?per_page=2', { headers: { authorization: su } });
    expect(page1.json.meta).toEqual({ page: 1, per_page: 2, total: 4 });
    expect(page1.json.links).toEqual({
      self: '/api/v1/organizations?per_page=2',
      next: '/api/v1/organizations?per_page=2&page=2',
      prev: null,
    });
    const page2 = await call(organizations.GET, '/api/v1/organizations?per_page=2&page=2', { headers: { authorization: su } });
    expect(page2.json.data).toHaveLength(2);
    expect(page2.json.links.next).toBeNull();
    expect(page2.json.links.prev).toBe('/api/v1/organizations?per_page=2&page=1');
    const bad = await call(organizations.GET, '/api/v1/organizations?per_page=1000', { headers: { authorization: su } });
    expect(bad.status).toBe(422);
  });

  it('deleting an organisation deactivates its users, sites and keys and ends their sessions', async () => {
    const org = (await call(organizations.POST, '/api/v1/organizations', { method: 'POST', headers: { authorization: su }, body: { name: 'Doomed Ltd' } })).json.data;
    const person = (
      await call(userAdd.POST, '/api/v1/users/add', {
        method: 'POST',
        headers: { authorization: su },
        body: { name: 'Doomed user', email: 'doomed@example.test', password: 'a long enough password', organization_id: org.id, role: 'org_admin' },
      })
    ).json.data;
    await database.db.insertInto('sites').values({ name: 'doomed', url: 'https://doomed.example.test', organization_id: org.id }).execute();
    const token = await bearerFor(database.db, person.id);
    expect((await call(me.GET, '/api/v1/auth/me', { headers: { authorization: token } })).status).toBe(200);

    const res = await call(organization.DELETE, `/api/v1/organizations/${org.id}`, { method: 'DELETE', headers: { authorization: su }, params: { id: String(org.id) } });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ is_deleted: true, users_deactivated: 1, sites_deactivated: 1 });
    expect((await call(me.GET, '/api/v1/auth/me', { headers: { authorization: token } })).status).toBe(401);
    const site = await database.db.selectFrom('sites').select('is_active').where('organization_id', '=', org.id).executeTakeFirstOrThrow();
    expect(site.is_active).toBe(false);
    const gone = await call(organization.GET, `/api/v1/organizations/${org.id}`, { headers: { authorization: su }, params: { id: String(org.id) } });
    expect(gone.status).toBe(404);
    const home = await call(organization.DELETE, `/api/v1/organizations/${world.home}`, { method: 'DELETE', headers: { authorization: su }, params: { id: String(world.home) } });
    expect(home.status).toBe(409);
  });
});

describe('users', () => {
  it('creates with a default role, hides the password hash, and enforces unique e-mail', async () => {
    const res = await call(userAdd.POST, '/api/v1/users/add', {
      method: 'POST',
      headers: { authorization: adminA },
      body: { name: 'New Person', email: 'New.Person@Example.test', password: 'a long enough password' },
    });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ email: 'new.person@example.test', role: 'viewer', organization_id: world.orgA, organization: { id: world.orgA, name: 'Tenant A' } });
    expect(JSON.stringify(res.json)).not.toMatch(/hashed_password|argon2/);
    const again = await call(userAdd.POST, '/api/v1/users/add', {
      method: 'POST',
      headers: { authorization: adminA },
      body: { name: 'Twin', email: 'new.person@example.test', password: 'a long enough password' },
    });
    expect(again.status).toBe(409);
    const short = await call(userAdd.POST, '/api/v1/users/add', {
      method: 'POST',
      headers: { authorization: adminA },
      body: { name: 'Short', email: 'short@example.test', password: 'short' },
    });
    expect(short.status).toBe(422);
    expect(short.json.details[0].path).toBe('password');
  });

  it('lets a user read and update themselves but not their role', async () => {
    const token = await bearerFor(database.db, world.devA.id);
    const self = await call(userGet.GET, `/api/v1/users/${world.devA.id}`, { headers: { authorization: token }, params: { id: String(world.devA.id) } });
    expect(self.status).toBe(200);
    const rename = await call(userUpdate.PUT, '/x', {
      method: 'PUT',
      headers: { authorization: token },
      params: { id: String(world.devA.id) },
      body: { name: 'Dev Renamed', notification_preferences: { security_updates: 'daily' } },
    });
    expect(rename.status).toBe(200);
    expect(rename.json.data.notification_preferences).toEqual({ security_updates: 'daily' });
    const promote = await call(userUpdate.PUT, '/x', { method: 'PUT', headers: { authorization: token }, params: { id: String(world.devA.id) }, body: { role: 'org_admin' } });
    expect(promote.status).toBe(403);
    const peer = await call(userGet.GET, '/x', { headers: { authorization: token }, params: { id: String(world.viewerA.id) } });
    expect(peer.status).toBe(403);
  });

  it('soft-deletes: the user disappears from lists and can no longer sign in', async () => {
    const victim = (
      await call(userAdd.POST, '/api/v1/users/add', {
        method: 'POST',
        headers: { authorization: adminA },
        body: { name: 'Leaver', email: 'leaver@example.test', password: 'a long enough password' },
      })
    ).json.data;
    const token = await bearerFor(database.db, victim.id);
    const del = await call(userDelete.DELETE, '/x', { method: 'DELETE', headers: { authorization: adminA }, params: { id: String(victim.id) } });
    expect(del.status).toBe(200);
    expect(del.json.data.is_deleted).toBe(true);
    const row = await database.db.selectFrom('users').select(['is_deleted', 'deleted_at']).where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(row.is_deleted).toBe(true);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect((await call(me.GET, '/x', { headers: { authorization: token } })).status).toBe(401);
    const list = await call(users.GET, '/api/v1/users?q=leaver', { headers: { authorization: adminA } });
    expect(list.json.meta.total).toBe(0);
  });
});

describe('GET /api/v1/audit-logs', () => {
  it('filters by action, status, actor and date, and shows org admins only their organisation', async () => {
    const all = await call(auditLogs.GET, '/api/v1/audit-logs?per_page=100', { headers: { authorization: su } });
    expect(all.status).toBe(200);
    expect(all.json.meta.total).toBeGreaterThan(3);
    const creates = await call(auditLogs.GET, '/api/v1/audit-logs?action=user.create', { headers: { authorization: su } });
    expect(creates.json.data.length).toBeGreaterThan(0);
    expect(creates.json.data.every((e: { action: string }) => e.action === 'user.create')).toBe(true);
    const wildcard = await call(auditLogs.GET, '/api/v1/audit-logs?action=organization.*&per_page=100', { headers: { authorization: su } });
    expect(new Set(wildcard.json.data.map((e: { action: string }) => e.action))).toEqual(new Set(['organization.create', 'organization.update', 'organization.delete']));
    const byActor = await call(auditLogs.GET, `/api/v1/audit-logs?actor=${encodeURIComponent(world.adminA.email)}&per_page=100`, { headers: { authorization: su } });
    expect(byActor.json.data.length).toBeGreaterThan(0);
    expect(byActor.json.data.every((e: { actor: string }) => e.actor === world.adminA.email)).toBe(true);
    const future = await call(auditLogs.GET, '/api/v1/audit-logs?from=2999-01-01', { headers: { authorization: su } });
    expect(future.json.meta.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = await call(auditLogs.GET, `/api/v1/audit-logs?to=${today}`, { headers: { authorization: su } });
    expect(upToToday.json.meta.total).toBe(all.json.meta.total);
    const badDate = await call(auditLogs.GET, '/api/v1/audit-logs?from=yesterday', { headers: { authorization: su } });
    expect(badDate.status).toBe(422);

    const mine = await call(auditLogs.GET, '/api/v1/audit-logs?per_page=100', { headers: { authorization: adminA } });
    expect(mine.json.data.length).toBeGreaterThan(0);
    expect(mine.json.data.every((e: { organization_id: number }) => e.organization_id === world.orgA)).toBe(true);
  });
});
