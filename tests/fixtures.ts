import type { Db } from '@/db';
import { hashPassword } from '@/lib/auth/passwords';
import { createSession } from '@/lib/auth/sessions';
import { signAccessToken } from '@/lib/auth/tokens';
import type { Role } from '@/db/types';

export const PASSWORD = 'correct horse battery staple';

export type World = Awaited<ReturnType<typeof seedWorld>>;

/** Two tenants (A and B) beside the home organisation, and a user per role. */
export async function seedWorld(db: Db) {
  const hashed = await hashPassword(PASSWORD);
  const org = async (name: string, isHome = false) =>
    (await db.insertInto('organizations').values({ name, is_home: isHome }).returning('id').executeTakeFirstOrThrow()).id;
  const home = await org('Home MSP', true);
  const orgA = await org('Tenant A');
  const orgB = await org('Tenant B');
  const user = async (name: string, organizationId: number, role: Role) => {
    const row = await db
      .insertInto('users')
      .values({ name, email: `${name}@example.test`, hashed_password: hashed, organization_id: organizationId, role })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, organizationId, role };
  };
  const site = async (name: string, organizationId: number) =>
    (
      await db
        .insertInto('sites')
        .values({ name, url: `https://${name}.example.test`, organization_id: organizationId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  return {
    home,
    orgA,
    orgB,
    superuser: await user('root', home, 'superuser'),
    adminA: await user('admin-a', orgA, 'org_admin'),
    devA: await user('dev-a', orgA, 'developer'),
    viewerA: await user('viewer-a', orgA, 'viewer'),
    adminB: await user('admin-b', orgB, 'org_admin'),
    viewerB: await user('viewer-b', orgB, 'viewer'),
    siteA: await site('site-a', orgA),
    siteB: await site('site-b', orgB),
  };
}

/** A valid bearer token for a user, as the login endpoint would issue. */
export async function bearerFor(db: Db, userId: number): Promise<string> {
  const sessionId = await createSession(db, userId, 'api', { ip: null, userAgent: 'test', requestId: null });
  return `Bearer ${await signAccessToken(userId, sessionId)}`;
}
