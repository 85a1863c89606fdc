import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSimServer, type SimRequest, type SimResponse } from '@/lib/simulators/server';
import { buildUrl, createHttpClient, type RetryInfo } from './client';
import { extractVendorMessage, VendorError } from './errors';

const fast = { baseDelayMs: 5, maxDelayMs: 20 };

describe('extractVendorMessage and buildUrl', () => {
  it('picks the vendor words from common error bodies', () => {
    expect(extractVendorMessage('{"error":"invalid_client","error_description":"Bad secret"}')).toBe('invalid_client: Bad secret');
    expect(extractVendorMessage('{"errorMessage":"Invalid filter","resultCode":"FAIL"}')).toBe('Invalid filter');
    expect(extractVendorMessage('{"LoggerId":"x","StatusCode":417,"Message":"Invalid Date Range"}')).toBe('Invalid Date Range');
    expect(extractVendorMessage('plain   text\nbody')).toBe('plain text body');
    expect(extractVendorMessage('<html><body>502</body></html>')).toBeNull();
    expect(extractVendorMessage('')).toBeNull();
  });

  it('joins base and path and skips empty query values', () => {
    const url = buildUrl('https://h.example/portalapi', '/Computer/X', { a: 1, b: undefined, c: null, d: 'x y' });
    expect(url.toString()).toBe('https://h.example/portalapi/Computer/X?a=1&d=x+y');
  });
});

describe('createHttpClient against a scripted server', () => {
  let closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
    closers = [];
  });

  async function serve(script: (request: SimRequest, n: number) => Promise<SimResponse> | SimResponse) {
    let n = 0;
    const server = await startSimServer((request) => script(request, ++n));
    closers.push(server.close);
    return server;
  }

  it('retries 5xx and network-level failures, then succeeds', async () => {
    const server = await serve((_r, n) => (n < 3 ? { status: 503, json: { message: 'busy' } } : { status: 200, json: { ok: true } }));
    const retries: RetryInfo[] = [];
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: fast, onRetry: (info) => retries.push(info) });
    const { data, response } = await http.sendJson({ path: 'thing' }, z.object({ ok: z.boolean() }));
    expect(data.ok).toBe(true);
    expect(response.attempts).toBe(3);
    expect(retries.map((r) => r.error.kind)).toEqual(['server', 'server']);
    expect(server.requests.count).toBe(3);
  });

  it('gives up after the configured retries with an operator-readable error', async () => {
    const server = await serve(() => ({ status: 500, json: { Message: 'An error has occurred.' } }));
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: { ...fast, retries: 2 } });
    const error = await http.send({ path: 'v1/items' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ kind: 'server', status: 500, attempts: 3, endpoint: 'GET /v1/items', vendor: 'Acme' });
    expect((error as VendorError).message).toBe(
      'Acme had a server error (HTTP 500 on GET /v1/items): An error has occurred.; gave up after 3 attempts.',
    );
    expect(server.requests.count).toBe(3);
  });

  it('does not retry client errors and maps 401/403 to auth with the hint', async () => {
    const server = await serve((r) => (r.route === '/bad' ? { status: 400, json: { message: 'no' } } : { status: 403, json: {} }));
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: fast, hints: { auth: 'Check ACME_KEY.' } });
    await expect(http.send({ path: 'bad' })).rejects.toMatchObject({ kind: 'client', status: 400, attempts: 1 });
    const auth = (await http.send({ path: 'secret' }).catch((e: unknown) => e)) as VendorError;
    expect(auth.kind).toBe('auth');
    expect(auth.message).toMatch(/refused the credentials \(HTTP 403 on GET \/secret\)\. Check ACME_KEY\.$/);
    expect(server.requests.count).toBe(2);
  });

  it('waits as long as Retry-After asks, even when backoff is shorter', async () => {
    const server = await serve((_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' }, json: {} } : { status: 200, json: [] }));
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: fast });
    const started = Date.now();
    await http.send({ path: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const [first, second] = server.requests.log;
    expect(first?.status).toBe(429);
    expect(second!.startedAt - first!.startedAt).toBeGreaterThanOrEqual(950);
  });

  it('fails at once when Retry-After is longer than allowed', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '600' }, json: {} }));
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: { ...fast, maxRetryAfterMs: 5000 } });
    const error = (await http.send({ path: 'x' }).catch((e: unknown) => e)) as VendorError;
    expect(error.kind).toBe('rate_limit');
    expect(error.retryAfterMs).toBe(600_000);
    expect(error.message).toContain('asked to wait 600 s');
    expect(server.requests.count).toBe(1);
  });

  it('times out each attempt and says how long it waited', async () => {
    const server = await serve(async (r) => {
      await r.delay(5000);
      return { status: 200, json: {} };
    });
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, timeoutMs: 100, retry: { ...fast, retries: 1 } });
    const started = Date.now();
    const error = (await http.send({ path: 'slow' }).catch((e: unknown) => e)) as VendorError;
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(2);
    expect(error.message).toContain('did not answer within 0.1 s (GET /slow)');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('reports an unreachable host as a network error', async () => {
    const server = await serve(() => ({ status: 200, json: {} }));
    const url = server.url;
    await server.close();
    closers = [];
    const http = createHttpClient({ vendor: 'Acme', baseUrl: url, retry: { ...fast, retries: 1 } });
    const error = (await http.send({ path: 'x' }).catch((e: unknown) => e)) as VendorError;
    expect(error.kind).toBe('network');
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/^Could not reach Acme at http:\/\/127\.0\.0\.1:\d+ \(GET \/x\): ECONNREFUSED/);
  });

  it('refuses to follow redirects', async () => {
    const server = await serve(() => ({ status: 302, headers: { location: 'http://169.254.169.254/' }, raw: '' }));
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: fast });
    await expect(http.send({ path: 'x' })).rejects.toMatchObject({ kind: 'client', status: 302 });
  });

  it('sends JSON and form bodies with their content types', async () => {
    const seen: Array<{ type: string | undefined; body: string }> = [];
    const server = await serve((r) => {
      seen.push({ type: r.headers['content-type'], body: r.body });
      return { status: 200, json: {} };
    });
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url });
    await http.send({ method: 'POST', path: 'a', json: { x: 1 } });
    await http.send({ method: 'POST', path: 'b', form: { grant_type: 'client_credentials', scope: 'a b' } });
    expect(seen).toEqual([
      { type: 'application/json', body: '{"x":1}' },
      { type: 'application/x-www-form-urlencoded', body: 'grant_type=client_credentials&scope=a+b' },
    ]);
  });

  it('bounds requests in flight per client', async () => {
    const server = await serve(async (r) => {
      await r.delay(30);
      return { status: 200, json: {} };
    });
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => http.send({ path: `p${i}` })));
    expect(server.requests.maxInFlight).toBe(2);
  });

  it('lets a caller abort without retrying', async () => {
    const server = await serve(async (r) => {
      await r.delay(500);
      return { status: 200, json: {} };
    });
    const http = createHttpClient({ vendor: 'Acme', baseUrl: server.url, retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    await expect(http.send({ path: 'x', signal: controller.signal })).rejects.toThrow('job cancelled');
  });
});
