// A ConnectWise Manage REST simulator: a real HTTP server on loopback that
// speaks enough of /apis/3.0 for the QBR collectors (companies, service
// tickets, time entries, agreements), with Basic auth + clientId checks,
// `conditions`, `page`/`pageSize` (≤1000) and a `Link` header, plus faults
// that tests and demo mode switch on at runtime (applied before the
// credentials are checked).

import type { ConnectWiseConfig } from '@/lib/vendors/connectwise/client';
import { ConditionSyntaxError, evaluateConditions, parseConditions } from './connectwise-conditions';
import { generateConnectWiseData, type CwData, type CwDataOptions } from './connectwise-data';
import { createRenderer } from './connectwise-render';
import { CLIENT_GONE, Faults, MALFORMED_JSON, retryAfterHeader, startSimServer, type Fault, type SimRequest, type SimResponse, type SimulatorHandle } from './server';

/** The faults this simulator renders. */
export type CwFault = Extract<Fault, { kind: 'slow' | 'rate_limit' | 'server_error' | 'malformed_json' | 'unauthorized' }>;

export type ConnectWiseSimulatorOptions = CwDataOptions & {
  companyId?: string;
  publicKey?: string;
  privateKey?: string;
  clientId?: string;
  codebase?: string;
  /** Page size when the request gives none (Manage's default is 25). */
  defaultPageSize?: number;
};

export type ConnectWiseSimulator = SimulatorHandle<CwFault> & {
  /** Credentials this simulator accepts. */
  readonly config: ConnectWiseConfig;
  readonly codebase: string;
  readonly data: CwData;
};

const MAX_PAGE_SIZE = 1000;

function reply(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, json: body, headers };
}

export async function startConnectWiseSimulator(options: ConnectWiseSimulatorOptions): Promise<ConnectWiseSimulator> {
  const data = generateConnectWiseData(options);
  const codebase = options.codebase ?? 'v4_6_release';
  const creds = {
    companyId: options.companyId ?? 'msp',
    publicKey: options.publicKey ?? 'sim-public-key',
    privateKey: options.privateKey ?? 'sim-private-key',
    clientId: options.clientId ?? '00000000-0000-4000-8000-00000000c11d',
  };
  const expectedAuth = `Basic ${Buffer.from(`${creds.companyId}+${creds.publicKey}:${creds.privateKey}`).toString('base64')}`;
  const faults = new Faults<CwFault>();

  const collections: Record<string, readonly Record<string, unknown>[]> = {
    'company/companies': data.companies,
    'service/tickets': data.tickets,
    'time/entries': data.timeEntries,
    'finance/agreements': data.agreements,
  };
  const prefix = `/${codebase}/apis/3.0/`;

  async function handle(request: SimRequest): Promise<SimResponse> {
    const url = request.url;
    const target = { path: url.pathname };
    if (!(await faults.wait(request, target))) return CLIENT_GONE;
    const fault = faults.take(target, 'rate_limit', 'server_error', 'malformed_json', 'unauthorized');
    switch (fault?.kind) {
      case 'rate_limit':
        return reply(429, { code: 'TooManyRequests', message: 'Rate limit exceeded' }, retryAfterHeader(fault));
      case 'server_error':
        return reply(fault.status ?? 500, { code: 'InternalServerError', message: 'An unexpected error occurred' });
      case 'malformed_json':
        return { status: 200, raw: MALFORMED_JSON, headers: { 'content-type': 'application/json; charset=utf-8' } };
      case 'unauthorized':
        return reply(401, { code: 'Unauthorized', message: 'Invalid or revoked API member keys' });
    }

    if (request.method !== 'GET') return reply(405, { code: 'MethodNotAllowed', message: 'Only GET is simulated' });
    if (request.headers.authorization !== expectedAuth) return reply(401, { code: 'Unauthorized', message: 'Authentication failed' });
    if (headerValue(request.headers.clientid) !== creds.clientId) return reply(401, { code: 'Unauthorized', message: 'A valid clientId header is required' });
    if (!url.pathname.startsWith(prefix)) return reply(404, { code: 'NotFound', message: `No route for ${url.pathname}` });

    const route = url.pathname.slice(prefix.length).replace(/\/+$/, '');
    const single = /^(.*)\/(\d+)$/.exec(route);
    const name = single ? single[1]! : route;
    const collection = collections[name];
    if (!collection) return reply(404, { code: 'NotFound', message: `No route for ${url.pathname}` });
    const host = request.headers.host ?? 'localhost';
    const renderer = createRenderer(`http://${host}${prefix.slice(0, -1)}`);
    const render = (record: Record<string, unknown>) =>
      name === 'service/tickets' ? renderer.ticket(record) : name === 'time/entries' ? renderer.timeEntry(record) : name === 'finance/agreements' ? renderer.agreement(record) : record;
    if (single) {
      const item = collection.find((r) => r.id === Number(single[2]));
      return item ? reply(200, render(item)) : reply(404, { code: 'NotFound', message: `Record ${single[2]} not found` });
    }

    let filter;
    try {
      filter = parseConditions(url.searchParams.get('conditions') ?? '');
    } catch (e) {
      if (e instanceof ConditionSyntaxError) return reply(400, { code: 'InvalidObject', message: `conditions: ${e.message}`, errors: [] });
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
    return reply(200, body, { link: links.join(', ') });
  }

  const server = await startSimServer(handle);
  return {
    ...server,
    codebase,
    data,
    config: {
      CONNECTWISE_SERVER: server.url,
      CONNECTWISE_COMPANY_ID: creds.companyId,
      CONNECTWISE_CLIENT_ID: creds.clientId,
      CONNECTWISE_PUBLIC_KEY: creds.publicKey,
      CONNECTWISE_PRIVATE_KEY: creds.privateKey,
    },
    setFaults: (rules) => void faults.set(rules),
    resetFaults: () => faults.reset(),
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
