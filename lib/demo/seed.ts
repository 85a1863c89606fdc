import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '@/db';
import { readSetting, writeSetting } from '@/db/queries/settings';
import type { Role } from '@/db/types';
import { hashPassword } from '@/lib/auth/passwords';
import { env } from '@/lib/core/env';

// The demo dataset: the MSP's home organisation, a few clients, one user per
// role and some Drupal sites, so every page has something to show on the
// first visit. Seeding is idempotent: it runs once per database.

export const DEMO_SETTING = 'demo';

export const DEMO_CLIENTS = ['Acme Dental', 'Birch & Rowe Legal', 'Cobalt Logistics'] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; org: 'home' | (typeof DEMO_CLIENTS)[number] }[] = [
  { email: 'superuser@demo.local', name: 'Sam Superuser', role: 'superuser', org: 'home' },
  { email: 'admin@acme.demo.local', name: 'Ada Admin', role: 'org_admin', org: 'Acme Dental' },
  { email: 'developer@acme.demo.local', name: 'Dev Developer', role: 'developer', org: 'Acme Dental' },
  { email: 'viewer@acme.demo.local', name: 'Vic Viewer', role: 'viewer', org: 'Acme Dental' },
];

const DEMO_SITES: { org: (typeof DEMO_CLIENTS)[number]; name: string; url: string }[] = [
  { org: 'Acme Dental', name: 'Acme Dental website', url: 'https://www.acme-dental.example' },
  { org: 'Acme Dental', name: 'Acme patient portal', url: 'https://portal.acme-dental.example' },
  { org: 'Birch & Rowe Legal', name: 'Birch & Rowe', url: 'https://birch-rowe.example' },
  { org: 'Cobalt Logistics', name: 'Cobalt tracking', url: 'https://track.cobalt-logistics.example' },
];

/** The demo password: DEMO_PASSWORD, or one generated once and kept in DATA_DIR. */
export function demoPassword(): string {
  const e = env();
  if (e.DEMO_PASSWORD) return e.DEMO_PASSWORD;
  const file = path.join(e.dataDir, 'demo-password');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(e.dataDir, { recursive: true });
    const generated = `demo-${crypto.randomBytes(9).toString('base64url')}`;
    fs.writeFileSync(file, generated, { mode: 0o600 });
    return generated;
  }
}

/** The home organisation's id, created when missing. */
export async function ensureHomeOrganization(db: Db): Promise<number> {
  const existing = await db
    .selectFrom('organizations')
    .select('id')
    .where('is_home', '=', true)
    .where('is_deleted', '=', false)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('organizations')
    .values({ name: env().HOME_ORG_NAME, is_home: true })
    .onConflict((oc) => oc.expression(sql`lower(name)`).where('is_deleted', '=', false).doUpdateSet({ is_home: true }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await readSetting<{ seeded_at: string }>(db, DEMO_SETTING)) !== undefined;
}

/** Seeds the demo dataset unless it is already there. Returns true when it seeded. */
export async function seedDemo(db: Db): Promise<boolean> {
  if (await isDemoSeeded(db)) return false;
  const hashed = await hashPassword(demoPassword());
  const homeId = await ensureHomeOrganization(db);
  await db.transaction().execute(async (trx) => {
    const orgIds: Record<string, number> = { home: homeId };
    for (const name of DEMO_CLIENTS) {
      const found = await trx
        .selectFrom('organizations')
        .select('id')
        .where(sql`lower(name)`, '=', name.toLowerCase())
        .where('is_deleted', '=', false)
        .executeTakeFirst();
      orgIds[name] = found?.id ?? (await trx.insertInto('organizations').values({ name }).returning('id').executeTakeFirstOrThrow()).id;
    }
    for (const u of DEMO_USERS) {
      const orgId = orgIds[u.org]!;
      await trx
        .insertInto('users')
        .values({ name: u.name, email: u.email, hashed_password: hashed, organization_id: orgId, role: u.role })
        .onConflict((oc) =>
          oc.expression(sql`lower(email)`).where('is_deleted', '=', false).doUpdateSet({ hashed_password: hashed, is_active: true }),
        )
        .execute();
    }
    for (const s of DEMO_SITES) {
      await trx
        .insertInto('sites')
        .values({ name: s.name, url: s.url, organization_id: orgIds[s.org]! })
        .onConflict((oc) => oc.column('url').where('is_deleted', '=', false).doNothing())
        .execute();
    }
    await writeSetting(trx, DEMO_SETTING, { seeded_at: new Date().toISOString() });
  });
  return true;
}

/** Demo mode is on for a database that holds the demo dataset, unless DEMO=0. */
export async function isDemoActive(db: Db): Promise<boolean> {
  const flag = env().DEMO;
  if (flag === false) return false;
  return isDemoSeeded(db);
}
