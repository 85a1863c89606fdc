// QuickBooks Online Accounting client for the QBR collectors: OAuth2 refresh
// with rotating refresh tokens, `minorversion` on every call, the query
// endpoint (STARTPOSITION/MAXRESULTS paging) for customers and invoices, the
// monthly Profit and Loss report, and a limiter for the per-realm throttles.
//
// Refresh tokens rotate: a token response may carry a new one, after which the
// old one is spent (`invalid_grant`). The client hands every new refresh token
// to `persistRefreshToken` and waits for it before using the access token that
// came with it, so a crash can never lose the only valid token.

import { z } from 'zod';
import { createHttpClient, type HttpClient, type RetryInfo } from '../http/client';
import { extractVendorMessage, VendorError, type VendorErrorKind } from '../http/errors';
import { describeFirstIssue, parsePayload } from '../http/payload';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy, sleep } from '../http/retry';
import { createRateLimiter, type RateLimiter } from './limiter';
import { flattenProfitAndLoss, profitAndLossSchema, type PnlRow, type ProfitAndLossReport } from './report';

const VENDOR = 'QuickBooks';
export const QUICKBOOKS_PRODUCTION_URL = 'https://quickbooks.api.intuit.com';
export const INTUIT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';
const DEFAULT_MINOR_VERSION = 75;
const QUICKBOOKS_MAX_RESULTS = 1000;
/** Intuit recommends report ranges of at most six months. */
const MAX_REPORT_MONTHS = 6;

/** Settings under their environment names; the caller reads them and passes them in. */
export type QuickBooksConfig = {
  /** API host; production when absent. */
  QUICKBOOKS_BASE_URL?: string | undefined;
  QUICKBOOKS_CLIENT_ID: string;
  QUICKBOOKS_CLIENT_SECRET: string;
  /** The newest refresh token the caller holds (from its encrypted store once one has rotated). */
  QUICKBOOKS_REFRESH_TOKEN: string;
  QUICKBOOKS_REALM_ID: string;
};

export type QuickBooksClientOptions = {
  /** Stores a rotated refresh token (atomically, encrypted). Awaited before the new access token is used. */
  persistRefreshToken: (refreshToken: string) => Promise<void>;
  /** Token endpoint: Intuit's for intuit.com hosts, `{base}/oauth2/v1/tokens/bearer` otherwise (the simulator). */
  tokenUrl?: string;
  minorVersion?: number | string;
  /** Records per query page, at most 1000 (the default). */
  pageSize?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-realm throttles: Intuit allows 10 in flight and 500 a minute; the default window is 61 s so latency jitter cannot push a 501st request into Intuit's minute. */
  limits?: { maxConcurrent?: number; maxPerWindow?: number; windowMs?: number };
  /** Refresh this long before the access token expires. */
  expirySkewMs?: number;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
  now?: () => number;
};

/** A `Fault` object from QuickBooks, also when it arrives inside an HTTP 200. */
export class QuickBooksFaultError extends VendorError {
  readonly faultType: string | null;
  readonly errors: ReadonlyArray<{ message: string | null; detail: string | null; code: string | null; element: string | null }>;

  constructor(init: { kind: VendorErrorKind; status: number; endpoint: string; faultType: string | null; errors: QuickBooksFaultError['errors'] }) {
    const first = init.errors[0];
    const said = [first?.message, first?.detail].filter(Boolean).join(' – ');
    super({
      vendor: VENDOR,
      kind: init.kind,
      status: init.status,
      endpoint: init.endpoint,
      message: `${VENDOR} returned a ${init.faultType ?? 'Fault'} on ${init.endpoint}${first?.code ? ` (code ${first.code})` : ''}${said ? `: ${said}` : ''}.`,
    });
    this.faultType = init.faultType;
    this.errors = init.errors;
  }
}

/** The token endpoint refused: `oauthError` is `invalid_grant` when the refresh token is spent, expired or revoked. */
export class QuickBooksTokenError extends VendorError {
  readonly oauthError: string | null;

  constructor(init: { status: number; oauthError: string | null; message: string; endpoint: string }) {
    super({ vendor: VENDOR, kind: 'auth', status: init.status, endpoint: init.endpoint, message: init.message });
    this.oauthError = init.oauthError;
  }

  get needsReconnect(): boolean {
    return this.oauthError === 'invalid_grant';
  }
}

// ---------------------------------------------------------------------------
// Schemas and records
// ---------------------------------------------------------------------------

const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1),
  x_refresh_token_expires_in: z.coerce.number().optional(),
});

const faultErrorSchema = z.object({
  Message: z.string().optional(),
  message: z.string().optional(),
  Detail: z.string().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  element: z.string().optional(),
});
const faultSchema = z.object({ Error: z.array(faultErrorSchema).optional(), error: z.array(faultErrorSchema).optional(), type: z.string().optional() });

const refSchema = z.object({ value: z.string(), name: z.string().optional() });
const metaSchema = z.object({ CreateTime: z.string().optional(), LastUpdatedTime: z.string().optional() }).optional();

export const customerSchema = z.object({
  Id: z.string(),
  DisplayName: z.string(),
  CompanyName: z.string().optional(),
  FullyQualifiedName: z.string().optional(),
  Active: z.boolean().optional(),
  Balance: z.number().optional(),
  Job: z.boolean().optional(),
  ParentRef: refSchema.optional(),
  MetaData: metaSchema,
});

export const invoiceSchema = z.object({
  Id: z.string(),
  DocNumber: z.string().optional(),
  TxnDate: z.string(),
  DueDate: z.string().optional(),
  CustomerRef: refSchema,
  TotalAmt: z.number(),
  Balance: z.number().optional(),
  CurrencyRef: refSchema.optional(),
  Line: z
    .array(
      z.object({
        Amount: z.number().optional(),
        Description: z.string().optional(),
        DetailType: z.string().optional(),
        SalesItemLineDetail: z.object({ ItemRef: refSchema.optional() }).optional(),
      }),
    )
    .optional(),
  MetaData: metaSchema,
});

export type QbCustomer = {
  id: string;
  displayName: string;
  companyName: string | null;
  fullyQualifiedName: string | null;
  isActive: boolean;
  balance: number | null;
  parentId: string | null;
  updatedAt: string | null;
};

export type QbInvoiceLine = { amount: number; itemId: string | null; itemName: string | null; description: string | null };

export type QbInvoice = {
  id: string;
  docNumber: string | null;
  customerId: string;
  customerName: string | null;
  txnDate: string;
  dueDate: string | null;
  totalAmount: number;
  balance: number;
  currency: string | null;
  /** Sales lines only (sub-total and discount lines are left out). */
  lines: QbInvoiceLine[];
  updatedAt: string | null;
};

const toCustomer = (c: z.infer<typeof customerSchema>): QbCustomer => ({
  id: c.Id,
  displayName: c.DisplayName,
  companyName: c.CompanyName ?? null,
  fullyQualifiedName: c.FullyQualifiedName ?? null,
  isActive: c.Active !== false,
  balance: c.Balance ?? null,
  parentId: c.ParentRef?.value ?? null,
  updatedAt: c.MetaData?.LastUpdatedTime ?? null,
});

const toInvoice = (i: z.infer<typeof invoiceSchema>): QbInvoice => ({
  id: i.Id,
  docNumber: i.DocNumber ?? null,
  customerId: i.CustomerRef.value,
  customerName: i.CustomerRef.name ?? null,
  txnDate: i.TxnDate,
  dueDate: i.DueDate ?? null,
  totalAmount: i.TotalAmt,
  balance: i.Balance ?? 0,
  currency: i.CurrencyRef?.value ?? null,
  lines: (i.Line ?? [])
    .filter((l) => l.DetailType === 'SalesItemLineDetail')
    .map((l) => ({
      amount: l.Amount ?? 0,
      itemId: l.SalesItemLineDetail?.ItemRef?.value ?? null,
      itemName: l.SalesItemLineDetail?.ItemRef?.name ?? null,
      description: l.Description ?? null,
    })),
  updatedAt: i.MetaData?.LastUpdatedTime ?? null,
});

// ---------------------------------------------------------------------------
// Query helpers
// ---------------------------------------------------------------------------

/** A quoted literal for the query language (single quotes, backslash-escaped). */
export function qbString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthIndex(month: string): number {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`Invalid month "${month}"; expected YYYY-MM`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function monthFromIndex(index: number): { key: string; first: string; last: string } {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const mm = String(month).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { key: `${year}-${mm}`, first: `${year}-${mm}-01`, last: `${year}-${mm}-${String(lastDay).padStart(2, '0')}` };
}

/** Splits `from`..`to` (months, inclusive) into date ranges of at most `size` months. */
export function reportChunks(from: string, to: string, size = MAX_REPORT_MONTHS): { startDate: string; endDate: string }[] {
  const a = monthIndex(from);
  const b = monthIndex(to);
  if (b < a) throw new RangeError(`The range ${from}..${to} ends before it starts`);
  const out: { startDate: string; endDate: string }[] = [];
  for (let i = a; i <= b; i += size) out.push({ startDate: monthFromIndex(i).first, endDate: monthFromIndex(Math.min(b, i + size - 1)).last });
  return out;
}

// ---------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------

export type ProfitAndLossQuery = {
  /** First and last month, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  accountingMethod?: 'Accrual' | 'Cash';
  /** A QuickBooks customer id: only that client's transactions. */
  customerId?: string;
};

export type QuickBooksClient = {
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  /** Every row of `select * from <entity> [where …]`, paged with STARTPOSITION/MAXRESULTS. */
  queryAll<T>(entity: string, item: z.ZodType<T>, where?: string): Promise<T[]>;
  listCustomers(options?: { where?: string }): Promise<QbCustomer[]>;
  /** Invoices dated within `from`..`to` (ISO dates, inclusive), optionally for one customer. */
  listInvoices(options?: { from?: string; to?: string; customerId?: string; where?: string }): Promise<QbInvoice[]>;
  /** The raw report for one date range (`summarize_column_by=Month`). */
  getProfitAndLossReport(params: { startDate: string; endDate: string; accountingMethod?: string; customerId?: string }): Promise<ProfitAndLossReport>;
  /** Account rows per month, fetched in chunks of at most six months. */
  getProfitAndLossByMonth(query: ProfitAndLossQuery): Promise<PnlRow[]>;
  /** A valid access token, refreshing (and persisting a rotated refresh token) when needed. */
  getAccessToken(): Promise<string>;
};

const REQUIRED_KEYS = ['QUICKBOOKS_CLIENT_ID', 'QUICKBOOKS_CLIENT_SECRET', 'QUICKBOOKS_REFRESH_TOKEN', 'QUICKBOOKS_REALM_ID'] as const;

export function defaultTokenUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  return /(^|\.)intuit\.com$/i.test(url.hostname) ? INTUIT_TOKEN_URL : new URL('/oauth2/v1/tokens/bearer', url).toString();
}

function faultKind(type: string | null, errors: QuickBooksFaultError['errors']): VendorErrorKind {
  const t = (type ?? '').toLowerCase();
  if (t.startsWith('authentication') || t.startsWith('authorization')) return 'auth';
  if (t.startsWith('system') || t === 'service') return errors.some((e) => e.code === '3001' || e.code === '003001') ? 'rate_limit' : 'server';
  return 'client';
}

export function createQuickBooksClient(config: QuickBooksConfig, options: QuickBooksClientOptions): QuickBooksClient {
  const missing = REQUIRED_KEYS.filter((k) => typeof config[k] !== 'string' || config[k].trim() === '');
  if (missing.length > 0) throw new Error(`QuickBooks is not configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  if (typeof options?.persistRefreshToken !== 'function') throw new Error('QuickBooks needs a persistRefreshToken callback: refresh tokens rotate.');

  const base = (config.QUICKBOOKS_BASE_URL?.trim() || QUICKBOOKS_PRODUCTION_URL).replace(/\/+$/, '');
  const realm = encodeURIComponent(config.QUICKBOOKS_REALM_ID.trim());
  const apiBaseUrl = `${base}/v3/company/${realm}/`;
  const tokenUrl = options.tokenUrl ?? defaultTokenUrl(base);
  const minorVersion = String(options.minorVersion ?? DEFAULT_MINOR_VERSION);
  const pageSize = Math.min(QUICKBOOKS_MAX_RESULTS, Math.max(1, Math.floor(options.pageSize ?? QUICKBOOKS_MAX_RESULTS)));
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const skew = options.expirySkewMs ?? 60_000;
  const maxConcurrent = options.limits?.maxConcurrent ?? 10;

  const limiter: RateLimiter = createRateLimiter({
    maxConcurrent,
    maxPerWindow: options.limits?.maxPerWindow ?? 500,
    windowMs: options.limits?.windowMs ?? 61_000,
    now,
  });
  const http: HttpClient = createHttpClient({
    vendor: VENDOR,
    baseUrl: apiBaseUrl,
    timeoutMs,
    retry: options.retry,
    maxConcurrency: maxConcurrent,
    hints: { auth: 'Reconnect QuickBooks if this persists.' },
    onRetry: (info) => {
      limiter.note(); // a retry is one more request against the realm's budget
      options.onRetry?.(info);
    },
    fetch: options.fetch,
  });

  let refreshToken = config.QUICKBOOKS_REFRESH_TOKEN.trim();
  let persistedRefreshToken = refreshToken;
  let access: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<string> | null = null;

  async function requestToken(): Promise<z.infer<typeof tokenSchema>> {
    const endpoint = `POST ${new URL(tokenUrl).pathname}`;
    const basic = Buffer.from(`${config.QUICKBOOKS_CLIENT_ID}:${config.QUICKBOOKS_CLIENT_SECRET}`).toString('base64');
    for (let attempt = 1; ; attempt++) {
      let failure: VendorError;
      let retryAfterMs: number | null = null;
      try {
        const res = await fetchImpl(tokenUrl, {
          method: 'POST',
          headers: { authorization: `Basic ${basic}`, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        const body = await res.text();
        if (res.ok) return parsePayload(VENDOR, endpoint, body, tokenSchema);
        if (res.status === 400 || res.status === 401) {
          let oauthError: string | null = null;
          try {
            const parsed: unknown = JSON.parse(body);
            if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string') oauthError = (parsed as { error: string }).error;
          } catch {
            // not JSON: no OAuth error code
          }
          const message =
            oauthError === 'invalid_grant'
              ? `${VENDOR} refused the refresh token (invalid_grant): it was spent, expired or revoked. Reconnect QuickBooks to issue a new one.`
              : oauthError === 'invalid_client' || res.status === 401
                ? `${VENDOR} refused the app credentials (HTTP ${res.status}${oauthError ? `, ${oauthError}` : ''}). Check QUICKBOOKS_CLIENT_ID and QUICKBOOKS_CLIENT_SECRET.`
                : `${VENDOR} refused the token request (HTTP ${res.status}${oauthError ? `, ${oauthError}` : ''}).`;
          throw new QuickBooksTokenError({ status: res.status, oauthError, message, endpoint });
        }
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
        const transient = res.status === 429 || res.status >= 500;
        const detail = extractVendorMessage(body);
        failure = new VendorError({
          vendor: VENDOR,
          kind: res.status === 429 ? 'rate_limit' : res.status >= 500 ? 'server' : 'client',
          status: res.status,
          endpoint,
          retryAfterMs,
          message: `${VENDOR} token endpoint answered HTTP ${res.status}${detail ? `: ${detail}` : ''}.`,
        });
        if (!transient) throw failure;
      } catch (error) {
        if (error instanceof VendorError && !error.isTransient) throw error;
        failure =
          error instanceof VendorError
            ? error
            : new VendorError({
                vendor: VENDOR,
                kind: error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'network',
                endpoint,
                message: `Could not get a ${VENDOR} access token from ${new URL(tokenUrl).origin}: ${error instanceof Error ? error.message : String(error)}.`,
                cause: error,
              });
      }
      if (attempt > policy.retries || (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs)) throw failure;
      await sleep(Math.max(retryAfterMs ?? 0, backoffDelay(attempt, policy)));
    }
  }

  async function refresh(): Promise<string> {
    const token = await requestToken();
    // Whatever happens next, the old refresh token may already be spent: keep the new one.
    refreshToken = token.refresh_token;
    if (token.refresh_token !== persistedRefreshToken) {
      try {
        await options.persistRefreshToken(token.refresh_token);
      } catch (error) {
        throw new VendorError({
          vendor: VENDOR,
          kind: 'client',
          endpoint: `POST ${new URL(tokenUrl).pathname}`,
          message: `${VENDOR} rotated the refresh token but storing it failed; the new access token was not used: ${error instanceof Error ? error.message : String(error)}.`,
          cause: error,
        });
      }
      persistedRefreshToken = token.refresh_token;
    }
    access = { token: token.access_token, expiresAt: now() + token.expires_in * 1000 };
    return token.access_token;
  }

  function getAccessToken(): Promise<string> {
    if (access && access.expiresAt - skew > now()) return Promise.resolve(access.token);
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  function checkFault(value: unknown, status: number, endpoint: string): void {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const raw = (value as Record<string, unknown>).Fault ?? (value as Record<string, unknown>).fault;
    if (raw === undefined) return;
    const parsed = faultSchema.safeParse(raw);
    const fault = parsed.success ? parsed.data : {};
    const errors = (fault.Error ?? fault.error ?? []).map((e) => ({
      message: e.Message ?? e.message ?? null,
      detail: e.Detail ?? e.detail ?? null,
      code: e.code ?? null,
      element: e.element ?? null,
    }));
    const faultType = fault.type ?? null;
    throw new QuickBooksFaultError({ kind: faultKind(faultType, errors), status, endpoint, faultType, errors });
  }

  /** GET relative to /v3/company/{realm}/ with auth, minorversion, limiter, Fault check and one re-auth on 401. */
  async function get<T>(path: string, query: Record<string, string | undefined>, schema: z.ZodType<T>, context?: string): Promise<T> {
    for (let authAttempt = 1; ; authAttempt++) {
      const token = await getAccessToken();
      try {
        const response = await limiter.run(() =>
          http.send({ path, query: { ...query, minorversion: minorVersion }, headers: { authorization: `Bearer ${token}` } }),
        );
        const value = parsePayload<unknown>(VENDOR, response.endpoint, response.body, z.unknown(), { context });
        checkFault(value, response.status, response.endpoint);
        const parsed = schema.safeParse(value);
        if (parsed.success) return parsed.data;
        throw new VendorError({
          vendor: VENDOR,
          kind: 'invalid_payload',
          endpoint: response.endpoint,
          message: `${VENDOR} sent an unexpected response from ${response.endpoint}${context ? ` (${context})` : ''}: ${describeFirstIssue(parsed.error)}.`,
          cause: parsed.error,
        });
      } catch (error) {
        const isAuthFailure = error instanceof VendorError && (error.status === 401 || (error instanceof QuickBooksFaultError && error.kind === 'auth' && /^authentication/i.test(error.faultType ?? '')));
        if (isAuthFailure && authAttempt === 1) {
          if (access?.token === token) access = null; // expired or revoked early: refresh once
          continue;
        }
        throw error;
      }
    }
  }

  async function queryAll<T>(entity: string, item: z.ZodType<T>, where?: string): Promise<T[]> {
    if (!/^[A-Za-z]+$/.test(entity)) throw new RangeError(`Invalid QuickBooks entity "${entity}"`);
    const envelope = z.object({ QueryResponse: z.object({ [entity]: z.array(item).optional(), startPosition: z.number().optional(), maxResults: z.number().optional() }) });
    const out: T[] = [];
    for (let start = 1; ; start += pageSize) {
      const query = `select * from ${entity}${where ? ` where ${where}` : ''} STARTPOSITION ${start} MAXRESULTS ${pageSize}`;
      const data = await get('query', { query }, envelope, `${entity} from ${start}`);
      const rows = (data.QueryResponse[entity] ?? []) as T[];
      out.push(...rows);
      if (rows.length < pageSize) return out;
    }
  }

  async function getProfitAndLossReport(params: { startDate: string; endDate: string; accountingMethod?: string; customerId?: string }) {
    return get(
      'reports/ProfitAndLoss',
      {
        start_date: params.startDate,
        end_date: params.endDate,
        summarize_column_by: 'Month',
        accounting_method: params.accountingMethod,
        customer: params.customerId,
      },
      profitAndLossSchema,
      `${params.startDate}..${params.endDate}`,
    );
  }

  return {
    apiBaseUrl,
    tokenUrl,
    queryAll,
    getAccessToken,
    getProfitAndLossReport,
    async listCustomers(opts = {}) {
      return (await queryAll('Customer', customerSchema, opts.where)).map(toCustomer);
    },
    async listInvoices(opts = {}) {
      const where = [
        opts.from && `TxnDate >= ${qbString(opts.from)}`,
        opts.to && `TxnDate <= ${qbString(opts.to)}`,
        opts.customerId && `CustomerRef = ${qbString(opts.customerId)}`,
        opts.where,
      ]
        .filter(Boolean)
        .join(' AND ');
      return (await queryAll('Invoice', invoiceSchema, where || undefined)).map(toInvoice);
    },
    async getProfitAndLossByMonth(query) {
      const rows: PnlRow[] = [];
      for (const chunk of reportChunks(query.from, query.to)) {
        const report = await getProfitAndLossReport({ ...chunk, accountingMethod: query.accountingMethod, customerId: query.customerId });
        rows.push(...flattenProfitAndLoss(report));
      }
      return rows;
    },
  };
}
