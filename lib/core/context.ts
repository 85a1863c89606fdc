import type { Logger } from 'pino';
import type { Db } from '@/db';
import type { Role } from '@/db/types';

/** Who is calling: a signed-in user or an API key. */
export type Actor =
  | {
      kind: 'user';
      userId: number;
      organizationId: number;
      role: Role;
      sessionId: string;
      name: string;
      email: string;
    }
  | {
      kind: 'api_key';
      apiKeyId: number;
      organizationId: number;
      role: Exclude<Role, 'superuser'>;
      /** When set, the key may only act on this site. */
      siteId: number | null;
      name: string;
    };

/** How an actor is named in logs and the audit trail. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : `api-key:${actor.name}`;
}

/** What every service receives: who is calling, and the request it came in. */
export type RequestContext = {
  db: Db;
  actor: Actor;
  requestId: string;
  ip: string | null;
  log: Logger;
};

export type AnonymousContext = Omit<RequestContext, 'actor'> & { actor: Actor | null };
