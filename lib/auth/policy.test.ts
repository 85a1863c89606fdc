import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/core/errors';
import { authorize, can, canGrantRole, scopeOf, visibleAreas, type Actor, type Action } from './policy';

const user = (role: Actor['role'], organizationId = 10): Actor => ({
  kind: 'user',
  userId: 1,
  organizationId,
  role: role as never,
  sessionId: '00000000-0000-0000-0000-000000000000',
  name: role,
  email: `${role}@x.test`,
});
const key = (role: 'org_admin' | 'developer' | 'viewer', siteId: number | null = null): Actor => ({
  kind: 'api_key',
  apiKeyId: 7,
  organizationId: 10,
  role,
  siteId,
  name: 'k',
});

const own = { organizationId: 10 };
const other = { organizationId: 20 };

describe('policy', () => {
  // The decision table for a caller's own organisation, by role.
  const table: [Action, Record<'superuser' | 'org_admin' | 'developer' | 'viewer', boolean>][] = [
    ['organization:read', { superuser: true, org_admin: true, developer: true, viewer: true }],
    ['organization:create', { superuser: true, org_admin: false, developer: false, viewer: false }],
    ['organization:update', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['organization:delete', { superuser: true, org_admin: false, developer: false, viewer: false }],
    ['user:read', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['user:create', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['site:read', { superuser: true, org_admin: true, developer: true, viewer: true }],
    ['site:create', { superuser: true, org_admin: true, developer: true, viewer: false }],
    ['site:report', { superuser: true, org_admin: true, developer: true, viewer: false }],
    ['site:delete', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['site:accept_risk', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['api_key:create', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['audit:read', { superuser: true, org_admin: true, developer: false, viewer: false }],
    ['inventory:read', { superuser: true, org_admin: true, developer: true, viewer: true }],
    ['inventory:operate', { superuser: true, org_admin: false, developer: false, viewer: false }],
    ['qbr:company', { superuser: true, org_admin: false, developer: false, viewer: false }],
    ['jobs:run', { superuser: true, org_admin: false, developer: false, viewer: false }],
    ['outbox:read', { superuser: true, org_admin: false, developer: false, viewer: false }],
  ];

  for (const [action, expected] of table) {
    it(`decides ${action} for each role in its own organisation`, () => {
      for (const role of ['superuser', 'org_admin', 'developer', 'viewer'] as const) {
        expect({ role, allowed: can(user(role), action, own) }).toEqual({ role, allowed: expected[role] });
      }
    });
  }

  it('lets only superusers act in another organisation', () => {
    expect(can(user('superuser'), 'site:read', other)).toBe(true);
    for (const role of ['org_admin', 'developer', 'viewer'] as const) {
      expect(can(user(role), 'site:read', other)).toBe(false);
      expect(can(user(role), 'organization:read', other)).toBe(false);
    }
  });

  it('reports another tenant as not found and a missing permission as forbidden', () => {
    const attempt = (fn: () => void) => {
      try {
        fn();
        return null;
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(attempt(() => authorize(user('org_admin'), 'site:read', other))).toBe('not_found');
    expect(attempt(() => authorize(user('viewer'), 'site:create', own))).toBe('forbidden');
    expect(attempt(() => authorize(user('developer'), 'site:create', own))).toBeNull();
  });

  it('keeps API keys away from people and credentials whatever their role', () => {
    for (const action of ['user:create', 'user:read', 'api_key:create', 'api_key:revoke', 'organization:update'] as Action[]) {
      expect(can(key('org_admin'), action, own)).toBe(false);
    }
    expect(can(key('developer'), 'site:report', { organizationId: 10, siteId: 3 })).toBe(true);
    expect(can(key('viewer'), 'site:report', { organizationId: 10, siteId: 3 })).toBe(false);
  });

  it('confines a site-bound key to its site', () => {
    expect(can(key('developer', 3), 'site:report', { organizationId: 10, siteId: 3 })).toBe(true);
    expect(can(key('developer', 3), 'site:report', { organizationId: 10, siteId: 4 })).toBe(false);
    expect(can(key('developer', null), 'site:report', { organizationId: 10, siteId: 4 })).toBe(true);
  });

  it('never lets a role grant a role above its own', () => {
    expect(canGrantRole(user('superuser'), 'superuser')).toBe(true);
    expect(canGrantRole(user('org_admin'), 'org_admin')).toBe(true);
    expect(canGrantRole(user('org_admin'), 'superuser')).toBe(false);
    expect(canGrantRole(user('developer'), 'viewer')).toBe(false);
    expect(canGrantRole(key('org_admin'), 'viewer')).toBe(false);
  });

  it('scopes superusers to everything and others to their organisation', () => {
    expect(scopeOf(user('superuser'))).toEqual({ organizationId: null });
    expect(scopeOf(user('viewer', 42))).toEqual({ organizationId: 42 });
    expect(scopeOf(key('org_admin'))).toEqual({ organizationId: 10 });
  });

  it('hides admin areas from viewers and developers', () => {
    expect(visibleAreas(user('viewer')).admin).toBe(false);
    expect(visibleAreas(user('developer')).admin).toBe(false);
    expect(visibleAreas(user('org_admin')).admin).toBe(true);
    expect(visibleAreas(user('superuser')).jobs).toBe(true);
    expect(visibleAreas(user('org_admin')).jobs).toBe(false);
  });
});
