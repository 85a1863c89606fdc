import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/core/errors';
import { methods, publicRoute } from '@/lib/http/route';
import { ApiError, apiFetch, describeFailure, describeIssues, formLevelIssues } from './api-fetch';

// The browser's client against the real route wrapper over HTTP: the
// envelope and the seed's plain JSON come back as sent, and every error body
// the wrapper writes becomes an ApiError the forms and lists can read.

const at = <T extends Record<string, unknown>>(spec: Parameters<typeof publicRoute<Record<string, string>, undefined, T>>[0]) =>
  publicRoute<Record<string, string>, undefined, T>({ database: false, rateLimit: false, ...spec });

const routes: Record<string, ReturnType<typeof methods>> = {
  '/envelope': methods('/envelope', { GET: at({ handler: async () => ({ data: { id: 7 }, meta: { page: 1, per_page: 50, total: 1 } }) }) }),
  '/seed': methods('/seed', { GET: at({ handler: async () => Response.json([{ id: 1 }, { id: 2 }], { headers: { 'X-Total-Count': '2' } }) }) }),
  '/echo': methods('/echo', {
    POST: at({ body: z.strictObject({ name: z.string().min(1), period: z.string().regex(/^\d{4}-\d{2}$/), metrics: z.array(z.number()).min(1) }), handler: async ({ body }) => ({ data: body }) }),
  }),
  '/conflict': methods('/conflict', { PUT: at({ handler: async () => Promise.reject(new AppError('conflict', 'That email is already used', { field: 'email' })) }) }),
  '/stale': methods('/stale', { POST: at({ handler: async () => Promise.reject(new AppError('conflict', 'The exception changed since you loaded it; reload and try again', { current: [] })) }) }),
  '/gone': methods('/gone', { POST: at({ handler: async () => Promise.reject(new AppError('not_found', 'Exception not found')) }) }),
  '/forbidden': methods('/forbidden', { POST: at({ handler: async () => Promise.reject(new AppError('forbidden', 'Your role does not allow this action')) }) }),
  '/signed-out': methods('/signed-out', { GET: at({ handler: async () => Promise.reject(new AppError('unauthorized', 'Authentication required')) }) }),
};

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url!, 'http://localhost').pathname;
    if (path === '/proxy-error') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html>Bad gateway</html>');
    }
    const route = routes[path];
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const handler = route?.[req.method as 'GET'];
    const response = handler ? await handler(request, { params: Promise.resolve({}) }) : new Response(null, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

describe('apiFetch', () => {
  it('returns the envelope and the seed-shaped body as the route sent them', async () => {
    expect(await apiFetch(`${base}/envelope`)).toEqual({ data: { id: 7 }, meta: { page: 1, per_page: 50, total: 1 } });
    expect(await apiFetch(`${base}/seed`)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await apiFetch(`${base}/echo`, { method: 'POST', json: { name: 'x', period: '2025-01', metrics: [1] } })).toEqual({ data: { name: 'x', period: '2025-01', metrics: [1] } });
  });

  it('turns a 422 into per-field messages, with the issues that name no shown field for the form top', async () => {
    const error = await failure(apiFetch(`${base}/echo`, { method: 'POST', json: { name: '', period: 'May', metrics: [], extra: 1 } }));
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.requestId).toMatch(/\S/);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['metrics', 'name', 'period']);
    const issues = error.details as { path: string | null; message: string }[];
    expect(formLevelIssues(error, ['name', 'period', 'metrics'])).toEqual(issues.filter((i) => !i.path || !['name', 'period', 'metrics'].includes(i.path)).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)));
    expect(formLevelIssues(error, ['name', 'period', 'metrics']).length).toBeGreaterThan(0);
    // Every issue, each on its line, naming its field.
    expect(describeIssues(error)).toEqual(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)));
    expect(describeIssues(error)).toContain(`name: ${error.fieldErrors.name}`);
  });

  it('reads a 409 that names a field as that field’s message', async () => {
    const error = await failure(apiFetch(`${base}/conflict`, { method: 'PUT', json: {} }));
    expect([error.status, error.code, error.message]).toEqual([409, 'conflict', 'That email is already used']);
    expect(error.fieldErrors).toEqual({ email: 'That email is already used' });
    expect(describeIssues(error)).toEqual(['That email is already used']);
  });

  it('says what a 409, 404 and 403 on a row mean', async () => {
    const stale = await failure(apiFetch(`${base}/stale`, { method: 'POST' }));
    expect(describeFailure(stale)).toBe('The exception changed since you loaded it; reload and try again. Someone else changed it meanwhile; the list now shows the current state.');
    expect(describeFailure(await failure(apiFetch(`${base}/gone`, { method: 'POST' })))).toBe('Exception not found. It may have been removed, or it belongs to another organisation.');
    expect(describeFailure(await failure(apiFetch(`${base}/forbidden`, { method: 'POST' })))).toBe('Your role does not allow this action.');
  });

  it('asks to sign in again on a 401, keeping the code and request id', async () => {
    const error = await failure(apiFetch(`${base}/signed-out`));
    expect([error.status, error.code, error.message]).toEqual([401, 'unauthorized', 'Your session has ended; sign in again']);
    expect(error.requestId).toMatch(/\S/);
  });

  it('survives a body that is not ours, and a server that cannot be reached', async () => {
    const proxy = await failure(apiFetch(`${base}/proxy-error`));
    expect([proxy.status, proxy.code, proxy.message, proxy.details]).toEqual([502, 'unknown', 'Request failed (502)', null]);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await failure(apiFetch(`http://127.0.0.1:${port}/anything`));
    expect([offline.status, offline.message]).toEqual([0, 'Could not reach the server; check your connection and try again']);
    expect(describeIssues(new Error('plain'))).toEqual(['plain']);
    expect(describeFailure('nothing')).toBe('The action failed');
  });

  it('lets a cancelled request stay a cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(apiFetch(`${base}/envelope`, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
