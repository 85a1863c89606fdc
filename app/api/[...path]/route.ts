import { AppError } from '@/lib/core/errors';
import { requestIdOf } from '@/lib/http/request-meta';
import { errorResponse } from '@/lib/http/respond';

// Any /api path without a route: 404 in the error format, whatever the method.
async function notFound(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  return errorResponse(new AppError('not_found', `No API endpoint at ${path}`), requestIdOf(req.headers));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
