import type { Insertable, Updateable } from 'kysely';
import { getDatabase, type Db } from '@/db';
import {
  ensureOrganizationNamed as ensureOrganizationRow,
  findHomeOrganizationId,
  hasOrganizations as anyOrganization,
  insertHomeOrganization,
} from '@/db/queries/admin/organizations';
import { upsertUserByEmail } from '@/db/queries/admin/users';
import type { UsersTable } from '@/db/types';
import { hashPassword } from '@/lib/auth/passwords';
import { env } from '@/lib/core/env';
import { logger } from '@/lib/core/logger';

// Accounts that start-up makes, not a person: the home organisation, the
// administrator of ADMIN_EMAIL, and (lib/demo) the demo organisations and users.

/** True once any organisation exists (a fresh database has none). */
export function hasOrganizations(db: Db): Promise<boolean> {
  return anyOrganization(db);
}

/** The home organisation's id (the MSP itself), created when missing. */
export async function ensureHomeOrganization(db: Db): Promise<number> {
  return (await findHomeOrganizationId(db)) ?? insertHomeOrganization(db, env().HOME_ORG_NAME);
}

/** The id of the live organisation of that name, created when missing. */
export function ensureOrganizationNamed(db: Db, name: string): Promise<number> {
  return ensureOrganizationRow(db, name);
}

/** Creates the user of that e-mail, or applies `onExisting` to the live one. */
export function ensureUser(db: Db, user: Insertable<UsersTable>, onExisting: Updateable<UsersTable>): Promise<void> {
  return upsertUserByEmail(db, user, onExisting);
}

/** Makes sure ADMIN_EMAIL is a superuser of the home organisation with ADMIN_PASSWORD. */
export async function ensureAdmin(): Promise<void> {
  const e = env();
  if (!e.ADMIN_EMAIL || !e.ADMIN_PASSWORD) return;
  const { db } = await getDatabase();
  const homeId = await ensureHomeOrganization(db);
  const hashed = await hashPassword(e.ADMIN_PASSWORD);
  await ensureUser(
    db,
    { name: 'Administrator', email: e.ADMIN_EMAIL.toLowerCase(), hashed_password: hashed, organization_id: homeId, role: 'superuser' },
    { hashed_password: hashed, role: 'superuser', is_active: true, organization_id: homeId },
  );
  logger.info({ email: e.ADMIN_EMAIL }, 'administrator account ensured');
}
