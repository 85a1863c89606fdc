import type { Scope } from '@/db/scope';
import type { Role } from '@/db/types';
import { actorLabel, type Actor } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';

// The one place that decides who may do what. Route handlers, services and
// server components ask here and never decide on their own.

export type { Actor, Scope };
export { actorLabel };

export const ROLES = ['superuser', 'org_admin', 'developer', 'viewer'] as const satisfies readonly Role[];

const rank: Record<Role, number> = { viewer: 0, developer: 1, org_admin: 2, superuser: 3 };

export type Action =
  | 'organization:read'
  | 'organization:create'
  | 'organization:update'
  | 'organization:delete'
  | 'user:read'
  | 'user:create'
  | 'user:update'
  | 'user:delete'
  | 'site:read'
  | 'site:create'
  | 'site:update'
  | 'site:delete'
  | 'site:report'
  | 'site:accept_risk'
  | 'api_key:read'
  | 'api_key:create'
  | 'api_key:revoke'
  | 'audit:read'
  | 'inventory:read'
  | 'inventory:operate'
  | 'qbr:read'
  | 'qbr:company'
  | 'qbr:manage'
  | 'jobs:read'
  | 'jobs:run'
  | 'outbox:read';

// Minimum role per action inside the caller's own organisation. Superusers
// may do everything everywhere; everyone else only in their organisation.
const minimumRole: Record<Action, Role> = {
  'organization:read': 'viewer',
  'organization:create': 'superuser',
  'organization:update': 'org_admin',
  'organization:delete': 'superuser',
  'user:read': 'org_admin',
  'user:create': 'org_admin',
  'user:update': 'org_admin',
  'user:delete': 'org_admin',
  'site:read': 'viewer',
  'site:create': 'developer',
  'site:update': 'developer',
  'site:delete': 'org_admin',
  'site:report': 'developer',
  // Silencing a security finding is a decision for the organisation's admin.
  'site:accept_risk': 'org_admin',
  'api_key:read': 'org_admin',
  'api_key:create': 'org_admin',
  'api_key:revoke': 'org_admin',
  'audit:read': 'org_admin',
  'inventory:read': 'viewer',
  'inventory:operate': 'superuser',
  'qbr:read': 'viewer',
  'qbr:company': 'superuser',
  'qbr:manage': 'superuser',
  'jobs:read': 'superuser',
  'jobs:run': 'superuser',
  'outbox:read': 'superuser',
};

// Machines never manage credentials or people, whatever role their key has.
const forbiddenToApiKeys = new Set<Action>([
  'user:create',
  'user:update',
  'user:delete',
  'user:read',
  'api_key:read',
  'api_key:create',
  'api_key:revoke',
  'organization:update',
  'organization:create',
  'organization:delete',
]);

export type Target = { organizationId?: number | null; siteId?: number | null };

export function isSuperuser(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'superuser';
}

export function scopeOf(actor: Actor): Scope {
  return { organizationId: isSuperuser(actor) ? null : actor.organizationId };
}

/** True when the target lies inside what the actor may see at all. */
export function canSee(actor: Actor, target: Target): boolean {
  if (isSuperuser(actor)) return true;
  if (target.organizationId !== undefined && target.organizationId !== actor.organizationId) return false;
  if (actor.kind === 'api_key' && actor.siteId !== null && target.siteId !== undefined && target.siteId !== actor.siteId) {
    return false;
  }
  return true;
}

export function can(actor: Actor, action: Action, target: Target = {}): boolean {
  if (!canSee(actor, target)) return false;
  if (actor.kind === 'api_key' && forbiddenToApiKeys.has(action)) return false;
  return rank[actor.role] >= rank[minimumRole[action]];
}

/**
 * Throws unless the actor may act. A target outside the actor's tenant is
 * reported as missing (404), so that ids of other tenants reveal nothing.
 */
export function authorize(actor: Actor, action: Action, target: Target = {}, what = 'Resource'): void {
  if (!canSee(actor, target)) throw new AppError('not_found', `${what} not found`);
  if (!can(actor, action, target)) throw new AppError('forbidden', 'Your role does not allow this action');
}

/** Roles an actor may hand out (to users or API keys): never above its own. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'superuser') return true;
  return actor.role === 'org_admin' && rank[role] <= rank.org_admin;
}


/** Navigation areas a role sees in the UI. */
export function visibleAreas(actor: Actor) {
  return {
    inventory: can(actor, 'inventory:read'),
    qbr: can(actor, 'qbr:read'),
    drupal: can(actor, 'site:read'),
    admin: can(actor, 'user:read') || can(actor, 'audit:read'),
    organizations: can(actor, 'organization:create'),
    jobs: can(actor, 'jobs:read'),
  };
}
