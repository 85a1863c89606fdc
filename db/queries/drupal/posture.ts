import { sql } from 'kysely';
import type { Db } from '@/db';

// An organisation's Drupal posture, for the client QBR: its live sites and
// those with security updates pending.

export type DrupalPostureRow = { sites: number; sites_with_security_updates: number; security_updates: number };

/** Live sites, those with a security update pending on an installed module, and how many such updates. */
export async function drupalPosture(db: Db, organizationId: number): Promise<DrupalPostureRow> {
  const r = await sql<{ sites: string; flagged: string; updates: string }>`
    select count(distinct s.id) as sites,
      count(distinct s.id) filter (where sm.security_update) as flagged,
      count(sm.id) filter (where sm.security_update) as updates
    from sites s left join site_modules sm on sm.site_id = s.id and sm.removed_at is null
    where s.organization_id = ${organizationId} and s.is_deleted = false`.execute(db);
  const row = r.rows[0];
  return { sites: Number(row?.sites ?? 0), sites_with_security_updates: Number(row?.flagged ?? 0), security_updates: Number(row?.updates ?? 0) };
}
