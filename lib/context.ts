import type { Logger } from 'pino';
import type { Db } from '@/db';
import type { Actor } from './auth/policy';

/** What every service receives: who is calling, and the request it came in. */
export type RequestContext = {
  db: Db;
  actor: Actor;
  requestId: string;
  ip: string | null;
  log: Logger;
};

export type AnonymousContext = Omit<RequestContext, 'actor'> & { actor: Actor | null };
