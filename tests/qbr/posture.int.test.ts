import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { clientPosture } from '@/lib/qbr/posture';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';

// The client QBR's security and lifecycle section, read from the inventory
// and Drupal tables (present in this installation's migrations).

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;

async function assessment(org: number, host: string, outcome: string, day = '2025-06-02') {
  const id = await sql<{ id: number }>`insert into device_identity (vendor_id, vendor_device_key, first_seen_date, last_seen_date) values (1, ${host}, ${day}, ${day}) returning id`.execute(db);
  await sql`insert into windows11_assessments (device_identity_id, snapshot_date, organization_id, hostname, outcome, assessed_at)
    values (${id.rows[0]!.id}, ${day}, ${org}, ${host}, ${outcome}, now())`.execute(db);
}

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
  await assessment(world.orgA, 'pc-1', 'compatible');
  await assessment(world.orgA, 'pc-2', 'compatible', '2025-06-01');
  await assessment(world.orgA, 'pc-3', 'remediable');
  await assessment(world.orgA, 'pc-4', 'incompatible');
  await assessment(world.orgA, 'pc-5', 'unknown');
  await assessment(world.orgA, 'srv', 'excluded');
  await assessment(world.orgB, 'b-pc', 'incompatible');
  await sql`insert into exceptions (type, hostname, organization_id, first_seen_date, last_seen_date, resolved) values
    ('MISSING_THREATLOCKER', 'PC-2', ${world.orgA}, '2025-06-01', '2025-06-02', false),
    ('MISSING_THREATLOCKER', 'PC-OLD', ${world.orgA}, '2025-05-01', '2025-05-02', true),
    ('MISSING_NINJA', 'PC-9', ${world.orgA}, '2025-06-01', '2025-06-02', false),
    ('MISSING_THREATLOCKER', 'B-PC', ${world.orgB}, '2025-06-01', '2025-06-02', false)`.execute(db);
  const mod = await sql<{ id: number }>`insert into modules (module_name) values ('views_bulk_operations'), ('token') returning id`.execute(db);
  const [m1, m2] = mod.rows.map((r) => r.id);
  const now = new Date().toISOString();
  await sql`insert into site_modules (site_id, module_id, type, security_update, first_seen, last_seen, removed_at) values
    (${world.siteA}, ${m1}, 'module', true, ${now}, ${now}, null),
    (${world.siteA}, ${m2}, 'module', true, ${now}, ${now}, ${now}),
    (${world.siteB}, ${m1}, 'module', true, ${now}, ${now}, null)`.execute(db);
});
afterAll(async () => database.drop());

describe('client posture for the QBR', () => {
  it('counts Windows 11 readiness, missing ThreatLocker and Drupal security updates for one organisation', async () => {
    const p = await clientPosture(db, world.orgA);
    expect(p.windows11).toEqual({ as_of: '2025-06-02', assessed: 5, compatible: 2, remediable: 1, incompatible: 1, unknown: 1 });
    expect(p.threatlocker).toEqual({ open_missing: 1, hostnames: ['PC-2'] });
    expect(p.drupal).toEqual({ sites: 1, sites_with_security_updates: 1, security_updates: 1 });
  });
});
