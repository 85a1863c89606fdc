import { afterEach, describe, expect, it } from 'vitest';
import { createRng, type Rng } from './random';
import { FaultState, Faults, retryAfterHeader, startSimServer, type FaultRule, type FaultTarget } from './server';

// The one fault model every simulator uses: which rule applies to which
// request, how `times` counts down, and the settings form kept for the Drupal
// release-history simulator.

const noDelay = { delay: async () => true };

/**
 * A rule and requests built to match it or not, so the expected answers are
 * known: a request matches when its path contains the rule's path (in any
 * letter case) and, for a rule on one page, when it is that page.
 */
function generatedCase(rng: Rng) {
  const word = () => rng.pick(['tickets', 'query', 'devices', 'oauth2', 'reports']);
  const rulePath = rng.chance(0.3) ? undefined : word();
  const rulePage = rng.chance(0.7) ? undefined : rng.int(1, 4);
  const times = rng.chance(0.3) ? undefined : rng.int(0, 5);
  const requests: { target: FaultTarget; matches: boolean }[] = [];
  for (let i = rng.int(0, 12); i > 0; i -= 1) {
    let segment = word();
    if (rng.chance(0.5)) segment = segment.toUpperCase();
    const path = `/api/${rng.hex(2)}/${segment}/${rng.hex(2)}`;
    const page = rng.chance(0.3) ? undefined : rng.int(1, 4);
    const pathMatches = rulePath === undefined || segment.toLowerCase().includes(rulePath);
    const pageMatches = rulePage === undefined || rulePage === page;
    requests.push({ target: { path, page }, matches: pathMatches && pageMatches });
  }
  const rule: FaultRule = { kind: 'server_error', path: rulePath, page: rulePage, times };
  return { rule, requests };
}

describe('Faults', () => {
  it('applies a rule to the first `times` requests it matches, and to no other, over 5,000 generated cases', () => {
    const rng = createRng(20251101);
    for (let n = 0; n < 5000; n += 1) {
      const { rule, requests } = generatedCase(rng);
      const faults = new Faults();
      faults.set(rule);
      let budget = rule.times ?? Infinity;
      for (const { target, matches } of requests) {
        const expected = matches && budget > 0;
        if (expected) budget -= 1;
        expect(faults.take(target, 'server_error') !== null, JSON.stringify({ rule, target })).toBe(expected);
      }
    }
  });

  it('takes the first rule of the asked kinds, in the order given', () => {
    const faults = new Faults();
    faults.set([{ kind: 'rate_limit', times: 1 }, { kind: 'server_error', status: 503 }, { kind: 'unauthorized' }]);
    const target = { path: '/v2/devices' };
    expect(faults.take(target, 'unauthorized')?.kind).toBe('unauthorized');
    expect(faults.take(target, 'rate_limit', 'server_error')?.kind).toBe('rate_limit');
    expect(faults.take(target, 'rate_limit', 'server_error')).toMatchObject({ kind: 'server_error', status: 503 });
    expect(faults.take(target, 'malformed_json', 'empty_body')).toBeNull();
  });

  it('counts down its own copies: the caller’s rules stay as given, and set replaces', () => {
    const rules: FaultRule[] = [{ kind: 'server_error', times: 1 }];
    const faults = new Faults();
    expect(faults.set(rules)).toEqual(rules);
    faults.take({ path: '/' }, 'server_error');
    expect(rules[0]!.times).toBe(1);
    faults.set({ kind: 'unauthorized' });
    expect(faults.take({ path: '/' }, 'server_error')).toBeNull();
    faults.reset();
    expect(faults.take({ path: '/' }, 'unauthorized')).toBeNull();
  });

  it('waits for every slow rule that applies, and reports a client that gave up', async () => {
    const waited: number[] = [];
    const request = { delay: async (ms: number) => (waited.push(ms), ms < 1000) };
    const faults = new Faults();
    faults.set([{ kind: 'slow', delayMs: 100, times: 1 }, { kind: 'slow', delayMs: 50, path: '/query' }]);
    expect(await faults.wait(request, { path: '/v3/query' })).toBe(true);
    expect(await faults.wait(request, { path: '/v3/query' })).toBe(true);
    expect(await faults.wait(request, { path: '/oauth2/token' })).toBe(true);
    expect(waited).toEqual([150, 50]);
    faults.set({ kind: 'slow', delayMs: 2000 });
    expect(await faults.wait(request, { path: '/' })).toBe(false);
    expect(await faults.wait(noDelay, { path: '/' })).toBe(true);
  });

  it('sends Retry-After only when the rule names it, as seconds or an HTTP date', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(retryAfterHeader({})).toEqual({});
    expect(retryAfterHeader({ retryAfterSeconds: 0.3 })).toEqual({ 'retry-after': '0.3' });
    expect(retryAfterHeader({ retryAfterSeconds: 2, asHttpDate: true }, now)).toEqual({ 'retry-after': 'Wed, 01 Jan 2025 12:00:02 GMT' });
  });
});

describe('FaultState (the settings form)', () => {
  it('rate-limits before it fails, for as many requests as asked', () => {
    const state = new FaultState();
    state.set({ serverErrorCount: 1, rateLimitCount: 2 });
    expect(state.takeApiFault(0)).toEqual({ kind: 'rate_limit', retryAfter: '1' });
    expect(state.takeApiFault(0)).toEqual({ kind: 'rate_limit', retryAfter: '1' });
    expect(state.takeApiFault(0)).toEqual({ kind: 'server' });
    expect(state.takeApiFault(0)).toBeNull();
  });

  it('restarts only the counts a setting names, and slows all requests unless counted', () => {
    const state = new FaultState();
    state.set({ serverErrorCount: 2, rateLimitOnce: { retryAfterSeconds: 3 } });
    expect(state.takeApiFault(0)).toEqual({ kind: 'rate_limit', retryAfter: '3' });
    expect(state.takeApiFault(0)).toEqual({ kind: 'server' });
    state.set({ slowMs: 40 });
    expect(state.takeApiFault(0)).toEqual({ kind: 'server' });
    expect(state.takeApiFault(0)).toBeNull();
    expect([state.takeDelay(), state.takeDelay(), state.takeDelay()]).toEqual([40, 40, 40]);
    state.set({ slowCount: 1 });
    expect([state.takeDelay(), state.takeDelay()]).toEqual([40, 0]);
    state.reset();
    expect(state.takeDelay()).toBe(0);
  });
});

describe('startSimServer', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('logs each request with its headers and body once answered', async () => {
    const server = await startSimServer(() => ({ status: 201, json: { ok: true } }));
    close = server.close;
    const response = await fetch(`${server.url}/Things?x=1`, { method: 'POST', headers: { authorization: 'Bearer abc', clientId: 'c-1' }, body: 'grant_type=refresh_token' });
    expect(response.status).toBe(201);
    const [entry] = server.requests.matching('/things', 'POST');
    expect(entry).toMatchObject({ path: '/Things', query: { x: '1' }, body: 'grant_type=refresh_token', status: 201 });
    expect(entry!.headers).toMatchObject({ authorization: 'Bearer abc', clientid: 'c-1' });
    expect(server.requests.inFlight).toBe(0);
  });
});
