import type { Db } from '@/db';

// The demo dataset's Drupal sites: plain rows of the foundation schema's
// sites table (lib/demo/seed.ts); the Drupal demo gives them their reports.

/** Adds a site unless a live one has that URL. */
export async function insertSiteUnlessUrlTaken(db: Db, site: { name: string; url: string; organization_id: number }): Promise<void> {
  await db
    .insertInto('sites')
    .values(site)
    .onConflict((oc) => oc.column('url').where('is_deleted', '=', false).doNothing())
    .execute();
}
