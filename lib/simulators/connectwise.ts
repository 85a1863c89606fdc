// A ConnectWise Manage REST simulator: a real HTTP server on loopback that
// speaks enough of /apis/3.0 for the QBR collectors (companies, service
// tickets, time entries, agreements), with Basic auth + clientId checks,
// `conditions`, `page`/`pageSize` (≤1000) and a `Link` header, plus faults
// that tests and demo mode switch on at runtime.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectWiseConfig } from '@/lib/vendors/connectwise/client';
import { ConditionSyntaxError, evaluateConditions, parseConditions } from './connectwise-conditions';
import { generateConnectWiseData, type CwData, type CwDataOptions } from './connectwise-data';
import { createRenderer } from './connectwise-render';

export type CwFault =
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed_json' }
  /** Keys revoked or expired: 401 whatever the credentials. */
  | { kind: 'unauthorized' };

/** A fault for requests whose path contains `path` (all when absent), for the next `times` matches (unlimited when absent). */
export type CwFaultRule = CwFault & { path?: string; times?: number };

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: { authorization?: string; clientId?: string };
  status: number;
  at: number;
};

export type ConnectWiseSimulatorOptions = CwDataOptions & {
  companyId?: string;
  publicKey?: string;
  privateKey?: string;
  clientId?: string;
  codebase?: string;
  /** Page size when the request gives none (Manage's default is 25). */
  defaultPageSize?: number;
};

export type ConnectWiseSimulator = {
  /** Server root, usable as CONNECTWISE_SERVER. */
  readonly url: string;
  /** Credentials this simulator accepts. */
  readonly config: ConnectWiseConfig;
  readonly codebase: string;
  readonly data: CwData;
  readonly requests: RecordedRequest[];
  setFaults(rules: CwFaultRule | readonly CwFaultRule[]): void;
  resetFaults(): void;
  close(): Promise<void>;
};

const MAX_PAGE_SIZE = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startConnectWiseSimulator(options: ConnectWiseSimulatorOptions = {}): Promise<ConnectWiseSimulator> {
  const data = generateConnectWiseData(options);
  const codebase = options.codebase ?? 'v4_6_release';
  const creds = {
    companyId: options.companyId ?? 'msp',
    publicKey: options.publicKey ?? 'sim-public-key',
    privateKey: options.privateKey ?? 'sim-private-key',
    clientId: options.clientId ?? '00000000-0000-4000-8000-00000000c11d',
  };
  const expectedAuth = `Basic ${Buffer.from(`${creds.companyId}+${creds.publicKey}:${creds.privateKey}`).toString('base64')}`;
  const requests: RecordedRequest[] = [];
  let faults: CwFaultRule[] = [];

  const collections: Record<string, readonly Record<string, unknown>[]> = {
    'company/companies': data.companies,
    'service/tickets': data.tickets,
    'time/entries': data.timeEntries,
    'finance/agreements': data.agreements,
  };
  const prefix = `/${codebase}/apis/3.0/`;

  function send(res: ServerResponse, rec: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    rec.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { authorization: req.headers.authorization, clientId: headerValue(req.headers.clientid) },
      status: 0,
      at: Date.now(),
    };
    requests.push(rec);

    for (const rule of faults) {
      if (rule.path !== undefined && !url.pathname.includes(rule.path)) continue;
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue;
        rule.times -= 1;
      }
      switch (rule.kind) {
        case 'slow':
          await sleep(rule.delayMs);
          continue;
        case 'rate_limit':
          return send(res, rec, 429, { code: 'TooManyRequests', message: 'Rate limit exceeded' }, rule.retryAfterSeconds !== undefined ? { 'retry-after': String(rule.retryAfterSeconds) } : {});
        case 'server_error':
          return send(res, rec, rule.status ?? 500, { code: 'InternalServerError', message: 'An unexpected error occurred' });
        case 'malformed_json':
          return send(res, rec, 200, '[{"id": 1, "name": "trunc');
        case 'unauthorized':
          return send(res, rec, 401, { code: 'Unauthorized', message: 'Invalid or revoked API member keys' });
      }
    }

    if (req.method !== 'GET') return send(res, rec, 405, { code: 'MethodNotAllowed', message: 'Only GET is simulated' });
    if (req.headers.authorization !== expectedAuth) return send(res, rec, 401, { code: 'Unauthorized', message: 'Authentication failed' });
    if (headerValue(req.headers.clientid) !== creds.clientId) return send(res, rec, 401, { code: 'Unauthorized', message: 'A valid clientId header is required' });
    if (!url.pathname.startsWith(prefix)) return send(res, rec, 404, { code: 'NotFound', message: `No route for ${url.pathname}` });

    const route = url.pathname.slice(prefix.length).replace(/\/+$/, '');
    const single = /^(.*)\/(\d+)$/.exec(route);
    const name = single ? single[1]! : route;
    const collection = collections[name];
    if (!collection) return send(res, rec, 404, { code: 'NotFound', message: `No route for ${url.pathname}` });
    const host = req.headers.host ?? 'localhost';
    const renderer = createRenderer(`http://${host}${prefix.slice(0, -1)}`);
    const render = (record: Record<string, unknown>) =>
      name === 'service/tickets' ? renderer.ticket(record) : name === 'time/entries' ? renderer.timeEntry(record) : name === 'finance/agreements' ? renderer.agreement(record) : record;
    if (single) {
      const item = collection.find((r) => r.id === Number(single[2]));
      return item ? send(res, rec, 200, render(item)) : send(res, rec, 404, { code: 'NotFound', message: `Record ${single[2]} not found` });
    }

    let filter;
    try {
      filter = parseConditions(url.searchParams.get('conditions') ?? '');
    } catch (e) {
      if (e instanceof ConditionSyntaxError) return send(res, rec, 400, { code: 'InvalidObject', message: `conditions: ${e.message}`, errors: [] });
      throw e;
    }
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(url.searchParams.get('pageSize') ?? '', 10) || (options.defaultPageSize ?? 25)));
    const matching = collection.filter((r) => evaluateConditions(filter, r));
    const lastPage = Math.max(1, Math.ceil(matching.length / pageSize));
    const body = matching.slice((page - 1) * pageSize, page * pageSize).map(render);

    const link = (p: number, rel: string) => {
      const u = new URL(`http://${host}${url.pathname}`);
      for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.set(k, v);
      u.searchParams.set('page', String(p));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links = [link(1, 'first')];
    if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
    if (page < lastPage) links.push(link(page + 1, 'next'));
    links.push(link(lastPage, 'last'));
    return send(res, rec, 200, body, { link: links.join(', ') });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'InternalServerError', message: 'Simulator error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    codebase,
    data,
    requests,
    config: {
      CONNECTWISE_SERVER: url,
      CONNECTWISE_COMPANY_ID: creds.companyId,
      CONNECTWISE_CLIENT_ID: creds.clientId,
      CONNECTWISE_PUBLIC_KEY: creds.publicKey,
      CONNECTWISE_PRIVATE_KEY: creds.privateKey,
    },
    setFaults(rules) {
      faults = (Array.isArray(rules) ? rules : [rules]).map((r) => ({ ...r }));
    },
    resetFaults() {
      faults = [];
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
