import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import type { RequestContext } from '@/lib/core/context';
import { logger } from '@/lib/core/logger';
import { clientIpOf, requestIdOf } from '@/lib/http/request-meta';
import { can, type Action } from './policy';
import { readBrowserSession } from './session-cookie';
import { loadUserActor } from './sessions';

/**
 * The signed-in user's context for a server component, or a redirect to the
 * sign-in page. Pages call the same services as the API with it.
 */
export async function getPageContext(require?: Action): Promise<RequestContext> {
  const h = await headers();
  const db = await getDb();
  const session = await readBrowserSession(h.get('cookie'));
  const actor = session ? await loadUserActor(db, session.sessionId, session.userId) : null;
  if (!actor) redirect('/login');
  const requestId = requestIdOf(h);
  const ctx: RequestContext = { db, actor, requestId, ip: clientIpOf(h), log: logger.child({ request_id: requestId }) };
  // A page the role may not use does not exist for it.
  if (require && !can(actor, require)) notFound();
  return ctx;
}
