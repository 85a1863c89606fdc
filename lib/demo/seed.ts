import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db';
import { insertSiteUnlessUrlTaken } from '@/db/queries/demo';
import { readSetting, writeSetting } from '@/db/queries/settings';
import type { Role } from '@/db/types';
import { ensureHomeOrganization, ensureOrganizationNamed, ensureUser } from '@/lib/admin';
import { hashPassword } from '@/lib/auth/passwords';
import { env } from '@/lib/core/env';

// The demo dataset: the MSP's home organisation, a few clients, one user per
// role and some Drupal sites, so every page has something to show on the
// first visit. Seeding is idempotent: it runs once per database.

const DEMO_SETTING = 'demo';

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
    for (const name of DEMO_CLIENTS) orgIds[name] = await ensureOrganizationNamed(trx, name);
    for (const u of DEMO_USERS) {
      await ensureUser(
        trx,
        { name: u.name, email: u.email, hashed_password: hashed, organization_id: orgIds[u.org]!, role: u.role },
        { hashed_password: hashed, is_active: true },
      );
    }
    for (const s of DEMO_SITES) await insertSiteUnlessUrlTaken(trx, { name: s.name, url: s.url, organization_id: orgIds[s.org]! });
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
