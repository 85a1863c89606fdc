import { AppError, type ErrorCode, errorStatus } from '@/lib/core/errors';

// Response shapes: the error format used on every route, and the /api/v1
// envelope with pagination links.

export type ErrorBody = {
  status_code: number;
  error: ErrorCode;
  message: string;
  details: unknown;
  timestamp: string;
  request_id: string;
};

export function errorResponse(error: AppError, requestId: string): Response {
  const body: ErrorBody = {
    status_code: error.status,
    error: error.code,
    message: error.message,
    details: error.details ?? null,
    timestamp: new Date().toISOString(),
    request_id: requestId,
  };
  return Response.json(body, { status: error.status, headers: { ...error.headers, 'X-Request-Id': requestId } });
}

export { errorStatus };

export type Page = { page: number; per_page: number; total: number };

export type Envelope<T> = {
  data: T;
  meta: Page;
  links: { self: string; next: string | null; prev: string | null };
};

function linkTo(url: URL, page: number, perPage: number): string {
  const next = new URL(url);
  next.searchParams.set('page', String(page));
  next.searchParams.set('per_page', String(perPage));
  return `${next.pathname}${next.search}`;
}

/** The seed's envelope. Lists pass their page; single objects are a page of one. */
export function envelope<T>(data: T, requestUrl: string, page?: Page): Envelope<T> {
  const url = new URL(requestUrl);
  const meta = page ?? { page: 1, per_page: 1, total: data === null ? 0 : 1 };
  const lastPage = Math.max(1, Math.ceil(meta.total / meta.per_page));
  return {
    data,
    meta,
    links: {
      self: `${url.pathname}${url.search}`,
      next: page && meta.page < lastPage ? linkTo(url, meta.page + 1, meta.per_page) : null,
      prev: page && meta.page > 1 ? linkTo(url, Math.min(meta.page - 1, lastPage), meta.per_page) : null,
    },
  };
}
