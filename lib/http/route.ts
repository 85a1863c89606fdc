import { ZodError, type ZodType, type z } from 'zod';
import { getDb } from '@/db';
import { authenticateRequest, type Credential } from '@/lib/auth/authenticate';
import type { Actor } from '@/lib/auth/policy';
import type { AnonymousContext, RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError, isDatabaseUnavailable, isUniqueViolation } from '@/lib/core/errors';
import { logger } from '@/lib/core/logger';
import { metrics } from '@/lib/core/metrics';
import { cacheTagOf } from '@/lib/core/read-cache';
import { consume, type LimitName } from '@/lib/http/rate-limit';
import { clientIpOf, requestIdOf } from './request-meta';
import { envelope, errorResponse } from './respond';
import { idParams } from './schemas';
import './zod-messages';

// Every API route is one call to route() (or publicRoute()) per method:
// it declares who may call, the zod schemas of params, query and body, and
// the rate limit; the wrapper does the rest the same way everywhere.

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (req: Request, context: RouteContext) => Promise<Response>;

type Inputs<P, Q, B> = { req: Request; url: URL; params: P; query: Q; body: B };

type Spec<P, Q, B, C> = {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Which credentials are accepted (all by default). */
  credentials?: readonly Credential[];
  rateLimit?: LimitName | false;
  /** false for routes that must answer without the database (liveness, metrics); they get no actor. */
  database?: false;
  maxBodyBytes?: number;
  handler: (input: Inputs<P, Q, B> & { ctx: C }) => Promise<Response | object | null>;
};

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;.*)?$/i;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError('payload_too_large', `Request body exceeds ${limit} bytes`, { limit_bytes: limit });
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('payload_too_large', `Request body exceeds ${limit} bytes`, { limit_bytes: limit });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function parseBody<B>(req: Request, schema: ZodType<B> | undefined, limit: number): Promise<B> {
  if (!schema) return undefined as B;
  const text = await readBody(req, limit);
  if (text.trim() === '') return schema.parse(undefined);
  const type = req.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json', { content_type: type || null });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Request body is not valid JSON');
  }
  return schema.parse(value);
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) out[key] = value;
  return out;
}

/**
 * Query strings carry what browsers and dashboard libraries add (cache-busters
 * such as `_=1736940000000`, filters a route does not know), so unknown keys
 * are dropped here, once for every route, even where a schema is strict.
 * Known keys are still validated, and bodies stay strict.
 */
function parseQuery<Q>(schema: ZodType<Q>, url: URL): Q {
  const raw = queryObject(url);
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  const unknown = new Set(first.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : [])));
  if (unknown.size === 0) throw first.error;
  return schema.parse(Object.fromEntries(Object.entries(raw).filter(([key]) => !unknown.has(key))));
}

export function zodDetails(error: ZodError) {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.') || null,
    code: issue.code,
    message: issue.message,
  }));
}

export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('validation_failed', 'Request is not valid', zodDetails(error));
  if (isUniqueViolation(error)) return new AppError('conflict', 'A record with the same unique value already exists');
  if (isDatabaseUnavailable(error)) {
    return new AppError('service_unavailable', 'The database is unavailable; try again shortly', null, { 'Retry-After': '5' });
  }
  logger.error({ err: error, request_id: requestId }, 'unhandled error');
  return new AppError('internal_error', 'Something went wrong; the error has been logged');
}

function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get('origin');
  if (!origin || !env().CORS_ORIGINS.includes(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': 'X-Request-Id, ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
    Vary: 'Origin',
  };
}

/** Cookie-authenticated writes must come from our own pages (or an allowed origin). */
function assertSameOrigin(req: Request, url: URL) {
  const origin = req.headers.get('origin');
  if (!origin) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'Cross-site request refused');
  }
  if (originHost !== host && !env().CORS_ORIGINS.includes(origin)) {
    throw new AppError('forbidden', 'Cross-site request refused');
  }
}

/** Below this, compressing costs more than it saves. */
const GZIP_FROM_BYTES = 8 * 1024;

/**
 * JSON, or for an answer kept by the read cache its stored JSON with an ETag
 * (304 when the caller has it), compressed once for every caller that takes
 * gzip: a large report is not compressed again on each request.
 */
async function jsonResponse(req: Request, result: unknown): Promise<Response> {
  const tag = cacheTagOf(result);
  if (!tag) return Response.json(result);
  const headers: Record<string, string> = { ETag: tag.etag, 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
  const known = req.headers.get('if-none-match')?.split(',').map((v) => v.trim());
  if (known?.includes(tag.etag) || known?.includes('*')) return new Response(null, { status: 304, headers });
  headers['Content-Type'] = 'application/json';
  if (tag.json.length >= GZIP_FROM_BYTES && acceptsGzip(req.headers.get('accept-encoding'))) {
    return new Response(await tag.gzip(), { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' } });
  }
  return new Response(tag.json, { status: 200, headers });
}

function acceptsGzip(header: string | null): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function finish(res: Response, requestId: string, extra: Record<string, string>): Response {
  const headers = new Headers(res.headers);
  headers.set('X-Request-Id', requestId);
  for (const [k, v] of Object.entries(extra)) if (!headers.has(k)) headers.set(k, v);
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function build<P, Q, B>(
  name: string,
  spec: Spec<P, Q, B, RequestContext | AnonymousContext>,
  requireActor: boolean,
): RouteHandler {
  return async (req, context) => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers);
    const ip = clientIpOf(req.headers);
    const url = new URL(req.url);
    const log = logger.child({ request_id: requestId });
    let extraHeaders: Record<string, string> = corsHeaders(req);
    let response: Response;
    try {
      const db =
        spec.database === false
          ? (undefined as unknown as RequestContext['db'])
          : await getDb().catch((error: unknown) => {
              throw isDatabaseUnavailable(error)
                ? new AppError('service_unavailable', 'The database is unavailable; try again shortly', null, { 'Retry-After': '5' })
                : error;
            });
      let actor: Actor | null = null;
      if (spec.database !== false && (requireActor || req.headers.has('authorization') || req.headers.has('x-api-key'))) {
        const found = await authenticateRequest(db, req.headers);
        if (found && spec.credentials && !spec.credentials.includes(found.via)) {
          throw new AppError('unauthorized', `This endpoint does not accept ${found.via.replace('_', ' ')} credentials`);
        }
        if (found?.via === 'session' && UNSAFE.has(req.method)) assertSameOrigin(req, url);
        actor = found?.actor ?? null;
      }
      if (requireActor && !actor) throw new AppError('unauthorized', 'Authentication required');

      if (spec.rateLimit !== false) {
        const key = actor ? (actor.kind === 'user' ? `u:${actor.userId}` : `k:${actor.apiKeyId}`) : `ip:${ip ?? 'unknown'}`;
        extraHeaders = { ...extraHeaders, ...(await consume(spec.rateLimit ?? 'api', key)) };
      }

      const rawParams = await context.params;
      const params = spec.params ? spec.params.parse(rawParams) : (rawParams as P);
      const query = spec.query ? parseQuery(spec.query, url) : (undefined as Q);
      const body = await parseBody(req, spec.body, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);

      const ctx = { db, actor, requestId, ip, log } as RequestContext;
      const result = await spec.handler({ req, url, params, query, body, ctx });
      response = result instanceof Response ? result : await jsonResponse(req, result);
    } catch (error) {
      response = errorResponse(toAppError(error, requestId), requestId);
    }
    const seconds = (performance.now() - started) / 1000;
    const m = metrics();
    m.requests.inc({ route: name, method: req.method, status: String(response.status) });
    m.duration.observe({ route: name, method: req.method }, seconds);
    log.info(
      { method: req.method, route: name, path: url.pathname, status: response.status, ms: Math.round(seconds * 1000), ip },
      'request',
    );
    return finish(response, requestId, extraHeaders);
  };
}

/** A route for signed-in callers (user session, bearer token or API key). */
export function route<P = Record<string, string>, Q = undefined, B = undefined>(
  spec: Spec<P, Q, B, RequestContext>,
): (name: string) => RouteHandler {
  return (name) => build(name, spec as Spec<P, Q, B, RequestContext | AnonymousContext>, true);
}

/** A route anyone may call; ctx.actor is set when credentials were sent. */
export function publicRoute<P = Record<string, string>, Q = undefined, B = undefined>(
  spec: Spec<P, Q, B, AnonymousContext>,
): (name: string) => RouteHandler {
  return (name) => build(name, spec as Spec<P, Q, B, RequestContext | AnonymousContext>, false);
}

/**
 * A /api/v1 route on one record by its `[id]`: the service gets the id (and
 * the body, where a schema is given) and its result is answered in the envelope.
 *   GET: recordRoute(getSite), PUT: recordRoute(updateSite, { body: siteUpdateSchema })
 */
export function recordRoute<B = undefined>(
  service: (ctx: RequestContext, id: number, body: B) => Promise<unknown>,
  options: Pick<Spec<{ id: number }, undefined, B, RequestContext>, 'body' | 'credentials'> = {},
): (name: string) => RouteHandler {
  return route({
    ...options,
    params: idParams,
    handler: async ({ ctx, params, body, req }) => envelope(await service(ctx, params.id, body), req.url),
  });
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * The exports of a route file: the declared methods, 405 in the error
 * format for the others, and CORS preflight.
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods('/api/v1/users', { GET: route({...}) });
 */
export function methods(
  name: string,
  declared: Partial<Record<Method, (name: string) => RouteHandler>>,
): Record<Method | 'OPTIONS', RouteHandler> {
  const allowed = [...(Object.keys(declared) as Method[]), 'OPTIONS'];
  const notAllowed: RouteHandler = async (req) => {
    const requestId = requestIdOf(req.headers);
    const res = errorResponse(
      new AppError('method_not_allowed', `${req.method} is not allowed here`, { allowed_methods: allowed }, { Allow: allowed.join(', ') }),
      requestId,
    );
    metrics().requests.inc({ route: name, method: req.method, status: '405' });
    return res;
  };
  const options: RouteHandler = async (req) => {
    const headers: Record<string, string> = { ...corsHeaders(req), Allow: allowed.join(', ') };
    if (headers['Access-Control-Allow-Origin']) {
      headers['Access-Control-Allow-Methods'] = allowed.join(', ');
      headers['Access-Control-Allow-Headers'] = 'Content-Type, Authorization, X-API-Key, X-Request-Id';
      headers['Access-Control-Max-Age'] = '600';
    }
    return new Response(null, { status: 204, headers });
  };
  const out = { OPTIONS: options } as Record<Method | 'OPTIONS', RouteHandler>;
  for (const method of ALL_METHODS) {
    const make = declared[method];
    out[method] = make ? make(name) : notAllowed;
  }
  return out;
}

export type Infer<T extends ZodType> = z.infer<T>;
