import { sql } from 'kysely';
import type { Db } from '@/db';
import { env } from '@/lib/core/env';

// Soft-deleted records are kept RETENTION_DAYS, then removed for good. Audit
// entries stay: they are the record of what happened.

export type PurgeCounts = {
  organizations: number;
  users: number;
  sites: number;
  api_keys: number;
  expired_sessions: number;
};

export async function purgeDeletedRecords(
  db: Db,
  opts: { retentionDays?: number; now?: Date; progress?: (percent: number, message?: string) => Promise<void> } = {},
): Promise<PurgeCounts> {
  const days = opts.retentionDays ?? env().RETENTION_DAYS;
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const progress = opts.progress ?? (async () => {});

  await progress(5, 'Finding records past retention');
  const counts = await db.transaction().execute(async (trx) => {
    const orgs = await trx
      .selectFrom('organizations')
      .select('id')
      .where('is_deleted', '=', true)
      .where('deleted_at', '<', cutoff)
      .execute();
    const orgIds = orgs.map((o) => o.id);

    // Sites of purged organisations go with them, as do sites deleted long enough ago.
    const sites = await trx
      .selectFrom('sites')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('is_deleted', '=', true), eb('deleted_at', '<', cutoff)]),
          ...(orgIds.length ? [eb('organization_id', 'in', orgIds)] : []),
        ]),
      )
      .execute();
    const siteIds = sites.map((s) => s.id);

    const users = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('is_deleted', '=', true), eb('deleted_at', '<', cutoff)]),
          ...(orgIds.length ? [eb('organization_id', 'in', orgIds)] : []),
        ]),
      )
      .execute();
    const userIds = users.map((u) => u.id);

    // A key bound to a removed site is removed too: unbinding it would widen its reach.
    const keys = await trx
      .deleteFrom('api_keys')
      .where((eb) =>
        eb.or([
          ...(siteIds.length ? [eb('site_id', 'in', siteIds)] : []),
          ...(orgIds.length ? [eb('organization_id', 'in', orgIds)] : []),
          sql<boolean>`false`,
        ]),
      )
      .executeTakeFirst();
    if (userIds.length) {
      await trx.updateTable('api_keys').set({ created_by: null }).where('created_by', 'in', userIds).execute();
      await trx.updateTable('api_keys').set({ revoked_by: null }).where('revoked_by', 'in', userIds).execute();
      await trx.deleteFrom('auth_sessions').where('user_id', 'in', userIds).execute();
      await trx.deleteFrom('users').where('id', 'in', userIds).execute();
    }
    if (siteIds.length) await trx.deleteFrom('sites').where('id', 'in', siteIds).execute();
    if (orgIds.length) await trx.deleteFrom('organizations').where('id', 'in', orgIds).execute();

    const expired = await trx
      .deleteFrom('auth_sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000)),
          eb('revoked_at', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000)),
        ]),
      )
      .executeTakeFirst();
    return {
      organizations: orgIds.length,
      users: userIds.length,
      sites: siteIds.length,
      api_keys: Number(keys.numDeletedRows),
      expired_sessions: Number(expired.numDeletedRows),
    };
  });
  await progress(100, 'Done');
  return counts;
}
