// ConnectWise Manage REST client for the QBR collectors: companies, service
// tickets, time entries and agreements. Basic auth `companyId+publicKey:
// privateKey` plus the `clientId` header; lists are paged with pageSize ≤ 1000
// by following the `Link: <…>; rel="next"` header. Payloads are checked with
// zod and mapped to small records so callers never touch raw vendor JSON.

import { z } from 'zod';
import { createHttpClient, type HttpClient, type RetryInfo } from '../http/client';
import { VendorError } from '../http/errors';
import type { RetryPolicy } from '../http/retry';

const VENDOR = 'ConnectWise';
const CONNECTWISE_MAX_PAGE_SIZE = 1000;

/** Settings under their environment names; the caller reads them (lib/env.ts) and passes them in. */
export type ConnectWiseConfig = {
  /** Host (`na.myconnectwise.net`) or URL; `https://` is assumed without a scheme. */
  CONNECTWISE_SERVER: string;
  CONNECTWISE_COMPANY_ID: string;
  /** The integration's clientId GUID from developer.connectwise.com. */
  CONNECTWISE_CLIENT_ID: string;
  CONNECTWISE_PUBLIC_KEY: string;
  CONNECTWISE_PRIVATE_KEY: string;
};

export type ConnectWiseClientOptions = {
  /** Release path segment, e.g. `v4_6_release` (see /login/companyinfo/{companyId}). */
  codebase?: string;
  /** Records per page, at most 1000 (the default). */
  pageSize?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  maxConcurrency?: number;
  /** Stops a runaway pagination loop. */
  maxPages?: number;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
};

export type CwListQuery = {
  /** Manage `conditions` (see conditions.ts for builders). */
  conditions?: string;
  orderBy?: string;
  signal?: AbortSignal;
};

// ---------------------------------------------------------------------------
// Payload schemas (lenient: only what we read, unknown fields ignored)
// ---------------------------------------------------------------------------

const text = z.string().nullish();
const ref = z.object({ id: z.number().int(), name: text });
/** Company and member references also carry their identifier. */
const identifiedRef = ref.extend({ identifier: text });
const info = z.object({ dateEntered: text, lastUpdated: text }).nullish();

const companySchema = z.object({
  id: z.number().int(),
  identifier: text,
  name: z.string(),
  status: ref.nullish(),
  types: z.array(ref).nullish(),
  deletedFlag: z.boolean().nullish(),
  _info: info,
});

export const ticketSchema = z.object({
  id: z.number().int(),
  summary: text,
  recordType: text,
  board: ref.nullish(),
  status: ref.nullish(),
  company: identifiedRef.nullish(),
  type: ref.nullish(),
  priority: ref.nullish(),
  agreement: ref.nullish(),
  parentTicketId: z.number().int().nullish(),
  closedFlag: z.boolean().nullish(),
  closedDate: text,
  dateResponded: text,
  dateResolved: text,
  actualHours: z.number().nullish(),
  isInSla: z.boolean().nullish(),
  _info: info,
});

export const timeEntrySchema = z.object({
  id: z.number().int(),
  company: ref.nullish(),
  chargeToId: z.number().int().nullish(),
  chargeToType: text,
  member: identifiedRef.nullish(),
  workType: ref.nullish(),
  agreement: ref.nullish(),
  // A ticket reference names its ticket by `summary`, not `name`.
  ticket: z.object({ id: z.number().int() }).nullish(),
  ticketBoard: text,
  timeStart: text,
  timeEnd: text,
  actualHours: z.number().nullish(),
  billableOption: text,
  status: text,
  dateEntered: text,
});

export const agreementSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: ref.nullish(),
  company: ref.nullish(),
  agreementStatus: text,
  cancelledFlag: z.boolean().nullish(),
  startDate: text,
  endDate: text,
  noEndingDateFlag: z.boolean().nullish(),
  billAmount: z.number().nullish(),
  billingCycle: ref.nullish(),
  applicationUnits: text,
  _info: info,
});

// ---------------------------------------------------------------------------
// Normalised records
// ---------------------------------------------------------------------------

export type CwCompany = {
  id: number;
  identifier: string | null;
  name: string;
  status: string | null;
  types: string[];
  isDeleted: boolean;
  enteredAt: string | null;
  updatedAt: string | null;
};

export type CwTicket = {
  id: number;
  summary: string;
  recordType: string | null;
  boardId: number | null;
  boardName: string | null;
  statusName: string | null;
  companyId: number | null;
  companyIdentifier: string | null;
  companyName: string | null;
  typeName: string | null;
  priorityName: string | null;
  agreementId: number | null;
  /** Set on child tickets; QBR counts parent tickets only. */
  parentTicketId: number | null;
  isClosed: boolean;
  enteredAt: string | null;
  closedAt: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  actualHours: number | null;
  isInSla: boolean | null;
  updatedAt: string | null;
};

export type CwTimeEntry = {
  id: number;
  companyId: number | null;
  companyName: string | null;
  chargeToType: string | null;
  chargeToId: number | null;
  /** The service/project ticket the time is charged to, if any. */
  ticketId: number | null;
  ticketBoard: string | null;
  memberIdentifier: string | null;
  workType: string | null;
  agreementId: number | null;
  timeStart: string | null;
  timeEnd: string | null;
  actualHours: number;
  billableOption: string | null;
  status: string | null;
  enteredAt: string | null;
};

export type CwAgreement = {
  id: number;
  name: string;
  typeName: string | null;
  companyId: number | null;
  companyName: string | null;
  status: string | null;
  isCancelled: boolean;
  startDate: string | null;
  endDate: string | null;
  hasNoEndDate: boolean;
  billAmount: number | null;
  billingCycle: string | null;
  applicationUnits: string | null;
};

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

function toCompany(c: z.infer<typeof companySchema>): CwCompany {
  return {
    id: c.id,
    identifier: orNull(c.identifier),
    name: c.name,
    status: orNull(c.status?.name),
    types: (c.types ?? []).map((t) => t.name).filter((n): n is string => typeof n === 'string'),
    isDeleted: c.deletedFlag === true,
    enteredAt: orNull(c._info?.dateEntered),
    updatedAt: orNull(c._info?.lastUpdated),
  };
}

function toTicket(t: z.infer<typeof ticketSchema>): CwTicket {
  return {
    id: t.id,
    summary: t.summary ?? '',
    recordType: orNull(t.recordType),
    boardId: orNull(t.board?.id),
    boardName: orNull(t.board?.name),
    statusName: orNull(t.status?.name),
    companyId: orNull(t.company?.id),
    companyIdentifier: orNull(t.company?.identifier),
    companyName: orNull(t.company?.name),
    typeName: orNull(t.type?.name),
    priorityName: orNull(t.priority?.name),
    agreementId: orNull(t.agreement?.id),
    parentTicketId: orNull(t.parentTicketId),
    isClosed: t.closedFlag === true,
    // Responses carry dateEntered in _info only, although conditions filter on `dateEntered`.
    enteredAt: orNull(t._info?.dateEntered),
    closedAt: orNull(t.closedDate),
    respondedAt: orNull(t.dateResponded),
    resolvedAt: orNull(t.dateResolved),
    actualHours: orNull(t.actualHours),
    isInSla: orNull(t.isInSla),
    updatedAt: orNull(t._info?.lastUpdated),
  };
}

function toTimeEntry(e: z.infer<typeof timeEntrySchema>): CwTimeEntry {
  const chargedToTicket = e.chargeToType === 'ServiceTicket' || e.chargeToType === 'ProjectTicket';
  return {
    id: e.id,
    companyId: orNull(e.company?.id),
    companyName: orNull(e.company?.name),
    chargeToType: orNull(e.chargeToType),
    chargeToId: orNull(e.chargeToId),
    ticketId: e.ticket?.id ?? (chargedToTicket ? orNull(e.chargeToId) : null),
    ticketBoard: orNull(e.ticketBoard),
    memberIdentifier: orNull(e.member?.identifier),
    workType: orNull(e.workType?.name),
    agreementId: orNull(e.agreement?.id),
    timeStart: orNull(e.timeStart),
    timeEnd: orNull(e.timeEnd),
    actualHours: e.actualHours ?? 0,
    billableOption: orNull(e.billableOption),
    status: orNull(e.status),
    enteredAt: orNull(e.dateEntered),
  };
}

function toAgreement(a: z.infer<typeof agreementSchema>): CwAgreement {
  return {
    id: a.id,
    name: a.name,
    typeName: orNull(a.type?.name),
    companyId: orNull(a.company?.id),
    companyName: orNull(a.company?.name),
    status: orNull(a.agreementStatus),
    isCancelled: a.cancelledFlag === true,
    startDate: orNull(a.startDate),
    endDate: orNull(a.endDate),
    hasNoEndDate: a.noEndingDateFlag === true,
    billAmount: orNull(a.billAmount),
    billingCycle: orNull(a.billingCycle?.name),
    applicationUnits: orNull(a.applicationUnits),
  };
}

// ---------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------

export type ConnectWiseClient = {
  readonly baseUrl: string;
  listCompanies(query?: CwListQuery): Promise<CwCompany[]>;
  listServiceTickets(query?: CwListQuery): Promise<CwTicket[]>;
  listTimeEntries(query?: CwListQuery): Promise<CwTimeEntry[]>;
  listAgreements(query?: CwListQuery): Promise<CwAgreement[]>;
  /** Raw pages of any list endpoint (path relative to /apis/3.0), each validated with `schema`. */
  pages<T>(path: string, item: z.ZodType<T>, query?: CwListQuery): AsyncGenerator<T[]>;
};

const REQUIRED_KEYS = ['CONNECTWISE_SERVER', 'CONNECTWISE_COMPANY_ID', 'CONNECTWISE_CLIENT_ID', 'CONNECTWISE_PUBLIC_KEY', 'CONNECTWISE_PRIVATE_KEY'] as const;

/** `https://host/codebase/apis/3.0/` from a host or URL; a URL that already ends in /apis/3.0 is kept. */
export function connectWiseBaseUrl(server: string, codebase = 'v4_6_release'): string {
  const trimmed = server.trim().replace(/\/+$/, '');
  const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (/\/apis\/3\.0$/.test(withScheme)) return `${withScheme}/`;
  return `${withScheme}/${codebase.replace(/^\/+|\/+$/g, '')}/apis/3.0/`;
}

/** The URL of `rel="next"` in a Link header, if any. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel\s*=\s*"?next"?/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

export function createConnectWiseClient(config: ConnectWiseConfig, options: ConnectWiseClientOptions = {}): ConnectWiseClient {
  const missing = REQUIRED_KEYS.filter((k) => typeof config[k] !== 'string' || config[k].trim() === '');
  if (missing.length > 0) throw new Error(`ConnectWise is not configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  const pageSize = Math.min(CONNECTWISE_MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? CONNECTWISE_MAX_PAGE_SIZE)));
  const maxPages = options.maxPages ?? 10_000;
  const baseUrl = connectWiseBaseUrl(config.CONNECTWISE_SERVER, options.codebase);
  const origin = new URL(baseUrl).origin;
  const auth = Buffer.from(`${config.CONNECTWISE_COMPANY_ID}+${config.CONNECTWISE_PUBLIC_KEY}:${config.CONNECTWISE_PRIVATE_KEY}`).toString('base64');

  const http: HttpClient = createHttpClient({
    vendor: VENDOR,
    baseUrl,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    maxConcurrency: options.maxConcurrency,
    headers: { authorization: `Basic ${auth}`, clientId: config.CONNECTWISE_CLIENT_ID },
    hints: { auth: 'Check CONNECTWISE_COMPANY_ID, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY and CONNECTWISE_CLIENT_ID.' },
    onRetry: options.onRetry,
    fetch: options.fetch,
  });

  async function* pages<T>(path: string, item: z.ZodType<T>, query: CwListQuery = {}): AsyncGenerator<T[]> {
    const schema = z.array(item);
    let next: string | null = null;
    for (let page = 1; page <= maxPages; page++) {
      const request = next
        ? { path: next }
        : { path, query: { conditions: query.conditions || undefined, orderBy: query.orderBy, page: 1, pageSize } };
      const { data, response } = await http.sendJson({ ...request, signal: query.signal }, schema, { context: `page ${page}` });
      yield data;
      const link = nextLink(response.headers.get('link'));
      if (!link || data.length < pageSize) return;
      const target = new URL(link, baseUrl);
      // Credentials go only to the configured server, whatever a Link header says.
      if (target.origin !== origin) {
        throw new VendorError({ vendor: VENDOR, kind: 'invalid_payload', endpoint: response.endpoint, message: `${VENDOR} sent a next-page link to another server (${target.origin}).` });
      }
      next = target.toString();
    }
    throw new VendorError({ vendor: VENDOR, kind: 'invalid_payload', endpoint: `GET ${path}`, message: `${VENDOR} kept sending next-page links after ${maxPages} pages of ${path}.` });
  }

  async function collect<R, T>(path: string, item: z.ZodType<R>, map: (r: R) => T, query?: CwListQuery): Promise<T[]> {
    const out: T[] = [];
    for await (const page of pages(path, item, query)) for (const r of page) out.push(map(r));
    return out;
  }

  return {
    baseUrl,
    pages,
    listCompanies: (query) => collect('company/companies', companySchema, toCompany, query),
    listServiceTickets: (query) => collect('service/tickets', ticketSchema, toTicket, query),
    listTimeEntries: (query) => collect('time/entries', timeEntrySchema, toTimeEntry, query),
    listAgreements: (query) => collect('finance/agreements', agreementSchema, toAgreement, query),
  };
}
