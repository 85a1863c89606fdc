import { sql, type Insertable } from 'kysely';
import type { Db } from '@/db';
import type { DrupalNotificationsTable } from '@/db/types-domain/drupal';

// What finding notifications read and write: the open updates of live
// sites, the users who may hear about them, and who heard about what.

/** Site modules with a security or other update whose risk is not accepted, on live, active sites. */
export async function listOpenUpdates(db: Db) {
  return db
    .selectFrom('site_modules as sm')
    .innerJoin('sites as s', 's.id', 'sm.site_id')
    .innerJoin('modules as m', 'm.id', 'sm.module_id')
    .select([
      's.id as site_id',
      's.name as site_name',
      's.url as site_url',
      's.organization_id',
      'm.id as module_id',
      'm.module_name as project',
      'm.drupal_link',
      'sm.current_version',
      'sm.recommended_version',
      'sm.latest_version',
      'sm.security_update',
      'sm.security_releases',
    ])
    .where('s.is_deleted', '=', false)
    .where('s.is_active', '=', true)
    .where('sm.removed_at', 'is', null)
    .where('sm.type', '<>', 'custom')
    .where((eb) => eb.or([eb('sm.security_update', '=', true), eb('sm.update_available', '=', true)]))
    .where(sql<boolean>`not coalesce(sm.accepted_risk_expires_at > now(), false)`)
    .execute();
}

/** Active users of live organisations, with their notification preferences. */
export async function listActiveUsers(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('organizations as o', 'o.id', 'users.organization_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role', 'users.organization_id', 'users.notification_preferences'])
    .where('users.is_active', '=', true)
    .where('users.is_deleted', '=', false)
    .where('o.is_deleted', '=', false)
    .execute();
}

/** Holds the notification lock until the transaction ends: one sender at a time. */
export async function lockNotifications(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('drupal-notifications'))`.execute(db);
}

/** Who was already told about which of these findings. */
export async function listNotified(db: Db, findingKeys: string[]) {
  return db.selectFrom('drupal_notifications').select(['user_id', 'finding_key']).where('finding_key', 'in', findingKeys).execute();
}

export async function insertNotifications(db: Db, rows: Insertable<DrupalNotificationsTable>[]): Promise<void> {
  await db.insertInto('drupal_notifications').values(rows).execute();
}
