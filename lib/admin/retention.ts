import type { Db } from '@/db';
import {
  deleteApiKeysOf,
  deleteEndedSessions,
  deleteOrganizations,
  deleteSites,
  deleteUsers,
  listPurgeableIds,
  listPurgeableOrganizationIds,
} from '@/db/queries/admin/retention';
import { env } from '@/lib/core/env';

// Soft-deleted records are kept RETENTION_DAYS, then removed for good. Audit
// entries stay: they are the record of what happened.

const DAY_MS = 24 * 60 * 60 * 1000;

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
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const progress = opts.progress ?? (async () => {});

  await progress(5, 'Finding records past retention');
  const counts = await db.transaction().execute(async (trx) => {
    const orgIds = await listPurgeableOrganizationIds(trx, cutoff);
    // Sites and users of purged organisations go with them, as do those deleted long enough ago.
    const siteIds = await listPurgeableIds(trx, 'sites', cutoff, orgIds);
    const userIds = await listPurgeableIds(trx, 'users', cutoff, orgIds);
    // A key bound to a removed site is removed too: unbinding it would widen its reach.
    const apiKeys = await deleteApiKeysOf(trx, orgIds, siteIds);
    await deleteUsers(trx, userIds);
    await deleteSites(trx, siteIds);
    await deleteOrganizations(trx, orgIds);
    const expiredSessions = await deleteEndedSessions(trx, new Date(now.getTime() - DAY_MS));
    return { organizations: orgIds.length, users: userIds.length, sites: siteIds.length, api_keys: apiKeys, expired_sessions: expiredSessions };
  });
  await progress(100, 'Done');
  return counts;
}
