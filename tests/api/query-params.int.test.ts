import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exceptionsRoute from '@/app/api/exceptions/route';
import * as loginRoute from '@/app/api/v1/auth/login/route';
import type { RouteHandler } from '@/lib/http/route';
import { useTestDatabase } from '@/tests/db';
import { PASSWORD, type World } from '@/tests/fixtures';
import { closeTestDatabase, seedWorldWithSuperuser } from './helpers';
import { call } from '@/tests/http';

// Dashboards written against the seed add query parameters of their own
// (jQuery's cache-buster `_=…`, filters a route does not know). Every GET
// route, found on disk so that a new one is covered without editing this
// file, must answer the same with them as without them.

const API = path.join(import.meta.dirname, '../../app/api');
const EXTRA = '_=1736940000000&unknown_filter=x';
/** A value for each dynamic segment; the answer may be 404, it just must not change. */
const SEGMENT_VALUES: Record<string, string> = { id: '1', date: '2025-01-15', batch_id: 'bc_00000000' };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** The request path and params of a route file, or null when a segment has no sample value (catch-alls). */
function requestOf(file: string): { urlPath: string; params: Record<string, string> } | null {
  const segments = path.relative(API, path.dirname(file)).split(path.sep).filter(Boolean);
  const params: Record<string, string> = {};
  const parts: string[] = [];
  for (const segment of segments) {
    const dynamic = /^\[([a-z_]+)\]$/i.exec(segment);
    if (!dynamic) {
      if (segment.startsWith('[')) return null;
      parts.push(segment);
      continue;
    }
    const value = SEGMENT_VALUES[dynamic[1]!];
    if (value === undefined) throw new Error(`Add a sample value for [${dynamic[1]}] (${file})`);
    params[dynamic[1]!] = value;
    parts.push(value);
  }
  return { urlPath: `/api/${parts.join('/')}`, params };
}

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let world: World;
let su: string;

beforeAll(async () => {
  database = await useTestDatabase();
  ({ world, su } = await seedWorldWithSuperuser(database.db));
});
afterAll(() => closeTestDatabase(database));

describe('unknown query parameters', () => {
  it('change the answer of no GET route', async () => {
    const files = routeFiles(API).filter((file) => fs.readFileSync(file, 'utf8').includes('methods('));
    const withQuerySchema = files.filter((file) => /\bquery\b/.test(fs.readFileSync(file, 'utf8')));
    // The enumeration found the API, including the routes that validate a query.
    expect(files.length).toBeGreaterThan(50);
    expect(withQuerySchema.length).toBeGreaterThan(20);
    const answers: { route: string; plain: number; extra: number }[] = [];
    for (const file of files) {
      const request = requestOf(file);
      if (!request) continue;
      const mod = (await import(file)) as { GET?: RouteHandler };
      if (!mod.GET) continue;
      const headers = { authorization: su };
      const plain = await call(mod.GET, request.urlPath, { headers, params: request.params });
      const extra = await call(mod.GET, `${request.urlPath}?${EXTRA}`, { headers, params: request.params });
      answers.push({ route: request.urlPath, plain: plain.status, extra: extra.status });
    }
    expect(answers.filter((a) => a.plain !== a.extra)).toEqual([]);
    // Most of them answer 200: the comparison is not between two refusals.
    expect(answers.filter((a) => a.plain === 200).length).toBeGreaterThan(30);
  }, 120_000);

  it('are dropped beside known ones, which are still validated', async () => {
    const headers = { authorization: su };
    expect((await call(exceptionsRoute.GET, `/api/exceptions?type=MISSING_NINJA&${EXTRA}`, { headers })).status).toBe(200);
    const bad = await call(exceptionsRoute.GET, `/api/exceptions?type=NOPE&${EXTRA}`, { headers });
    expect(bad.status).toBe(422);
    expect(bad.json.details).toEqual([expect.objectContaining({ path: 'type' })]);
  });

  it('leave request bodies strict', async () => {
    const res = await call(loginRoute.POST, `/api/v1/auth/login?${EXTRA}`, {
      method: 'POST',
      body: { email: world.superuser.email, password: PASSWORD, surprise: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.json.details[0].code).toBe('unrecognized_keys');
  });
});
