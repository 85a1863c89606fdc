import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sites from '@/app/api/v1/sites/route';
import * as site from '@/app/api/v1/sites/[id]/route';
import { useTestDatabase } from '@/tests/db';
import { bearerFor, seedWorld, type World } from '@/tests/fixtures';
import { call } from '@/tests/http';
import { apiKeyFor } from './helpers';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let t: Record<'super' | 'adminA' | 'devA' | 'viewerA' | 'adminB', { authorization: string }>;

beforeAll(async () => {
  database = await useTestDatabase();
  world = await seedWorld(database.db);
  const bearer = async (id: number) => ({ authorization: await bearerFor(database.db, id) });
  t = {
    super: await bearer(world.superuser.id),
    adminA: await bearer(world.adminA.id),
    devA: await bearer(world.devA.id),
    viewerA: await bearer(world.viewerA.id),
    adminB: await bearer(world.adminB.id),
  };
});
afterAll(async () => database.drop());

const post = (headers: Record<string, string>, body: unknown) => call(sites.POST, '/api/v1/sites', { method: 'POST', headers, body });

describe('sites', () => {
  it('registers a site with a normalised URL in the caller’s organisation and audits it', async () => {
    const res = await post(t.devA, { url: 'HTTPS://WWW.Dental-Example.com:443/', name: 'Dental' });
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ url: 'https://www.dental-example.com', name: 'Dental', organization_id: world.orgA, module_count: 0 });
    const audit = await database.db.selectFrom('audit_logs').selectAll().where('action', '=', 'site.create').executeTakeFirstOrThrow();
    expect(audit.site_id).toBe(res.json.data.id);
  });

  it('refuses a second live site with the same normalised URL (409) and bad URLs (422)', async () => {
    const dup = await post(t.adminA, { url: 'https://www.dental-example.com/', name: 'Again' });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toBe('conflict');
    // The URL index spans organisations: one site, one owner.
    expect((await post(t.adminB, { url: 'https://www.dental-example.com', name: 'B' })).status).toBe(409);
    const bad = await post(t.devA, { url: 'ftp://x.example', name: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.json.details[0].path).toBe('url');
  });

  it('lets viewers read but not write, and hides other tenants (404)', async () => {
    expect((await post(t.viewerA, { url: 'https://v.example', name: 'v' })).status).toBe(403);
    const list = await call(sites.GET, '/api/v1/sites', { headers: t.viewerA });
    expect(list.status).toBe(200);
    expect(list.json.data.every((s: { organization_id: number }) => s.organization_id === world.orgA)).toBe(true);
    const id = String(world.siteB);
    expect((await call(site.GET, `/api/v1/sites/${id}`, { headers: t.adminA, params: { id } })).status).toBe(404);
    expect((await call(site.PUT, `/api/v1/sites/${id}`, { method: 'PUT', headers: t.adminA, params: { id }, body: { name: 'x' } })).status).toBe(404);
    expect((await call(site.DELETE, `/api/v1/sites/${id}`, { method: 'DELETE', headers: t.adminA, params: { id } })).status).toBe(404);
    // Creating in another organisation is "not found" too.
    expect((await post(t.adminA, { url: 'https://elsewhere.example', name: 'e', organization_id: world.orgB })).status).toBe(404);
    const b = await database.db.selectFrom('sites').select('name').where('id', '=', world.siteB).executeTakeFirstOrThrow();
    expect(b.name).toBe('site-b');
  });

  it('filters by organisation and text, and paginates in the envelope', async () => {
    await post(t.super, { url: 'https://b-two.example', name: 'B two', organization_id: world.orgB });
    const byOrg = await call(sites.GET, `/api/v1/sites?organization_id=${world.orgB}&per_page=1`, { headers: t.super });
    expect(byOrg.json.meta).toEqual({ page: 1, per_page: 1, total: 2 });
    expect(byOrg.json.links.next).toContain('page=2');
    const byText = await call(sites.GET, '/api/v1/sites?q=dental', { headers: t.super });
    expect(byText.json.data.map((s: { name: string }) => s.name)).toEqual(['Dental']);
  });

  it('limits a site-bound key to its own site', async () => {
    const key = await apiKeyFor(database.db, { organizationId: world.orgA, siteId: world.siteA });
    const list = await call(sites.GET, '/api/v1/sites', { headers: { 'x-api-key': key } });
    expect(list.json.data.map((s: { id: number }) => s.id)).toEqual([world.siteA]);
    const other = (await post(t.devA, { url: 'https://other-a.example', name: 'other' })).json.data.id as number;
    expect((await call(site.GET, `/api/v1/sites/${other}`, { headers: { 'x-api-key': key }, params: { id: String(other) } })).status).toBe(404);
  });

  it('soft-deletes: the site disappears, its bound keys are revoked, and its URL can be registered again', async () => {
    const created = (await post(t.adminA, { url: 'https://gone.example', name: 'Gone' })).json.data.id as number;
    await apiKeyFor(database.db, { organizationId: world.orgA, siteId: created });
    expect((await call(site.DELETE, `/api/v1/sites/${created}`, { method: 'DELETE', headers: t.devA, params: { id: String(created) } })).status).toBe(403);
    const del = await call(site.DELETE, `/api/v1/sites/${created}`, { method: 'DELETE', headers: t.adminA, params: { id: String(created) } });
    expect(del.status).toBe(200);
    expect(del.json.data).toMatchObject({ is_deleted: true, api_keys_revoked: 1 });
    expect((await call(site.GET, `/api/v1/sites/${created}`, { headers: t.adminA, params: { id: String(created) } })).status).toBe(404);
    expect((await post(t.adminA, { url: 'https://gone.example', name: 'Back' })).status).toBe(201);
  });

  it('updates name and URL, with the same uniqueness rule', async () => {
    const id = String(world.siteA);
    const res = await call(site.PUT, `/api/v1/sites/${id}`, { method: 'PUT', headers: t.devA, params: { id }, body: { name: 'Renamed', url: 'https://Renamed.example/' } });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ name: 'Renamed', url: 'https://renamed.example' });
    const clash = await call(site.PUT, `/api/v1/sites/${id}`, { method: 'PUT', headers: t.devA, params: { id }, body: { url: 'https://www.dental-example.com' } });
    expect(clash.status).toBe(409);
  });
});
