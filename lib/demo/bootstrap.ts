import { getDatabase, type Db } from '@/db';
import { ensureAdmin, ensureHomeOrganization, hasOrganizations } from '@/lib/admin';
import { env } from '@/lib/core/env';
import { logger } from '@/lib/core/logger';
import { connectRedis } from '@/lib/http/redis';
import { DEMO_USERS, demoPassword, isDemoSeeded, seedDemo } from './seed';

// The start-up of a web process: the database (migrated when it opens), Redis,
// the home organisation and the administrator, then the demo dataset when
// demo mode is on. Each slice's demo data comes from the caller (the
// composition root), so that this module knows no slice but admin.

/** Seeds one slice's demo data (each is idempotent). */
export type SliceDemo = (db: Db) => Promise<unknown>;

/** Returns whether demo mode is active. */
export async function bootstrap(sliceDemos: SliceDemo[]): Promise<{ demo: boolean }> {
  const e = env();
  const { db } = await getDatabase();
  await connectRedis();
  const empty = !(await hasOrganizations(db));
  await ensureHomeOrganization(db);
  await ensureAdmin();
  const wantDemo = e.DEMO ?? (e.isEmbedded && (empty || (await isDemoSeeded(db))));
  if (wantDemo) {
    if (await seedDemo(db)) logger.info('demo dataset seeded');
    for (const seed of sliceDemos) await seed(db);
  }
  return { demo: wantDemo };
}

export function printBanner(demo: boolean): void {
  const e = env();
  const url = e.APP_URL ?? `http://localhost:${e.PORT}`;
  const lines = [
    '',
    `  MSP Ops Hub is running at ${url}`,
    `  Database: ${e.isEmbedded ? `embedded (${e.dataDir})` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demo) {
    const password = demoPassword();
    lines.push('', '  Demo logins (one per role), password for all:', `    ${password}`);
    for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(10)} ${u.email}`);
  }
  if (e.ADMIN_EMAIL) lines.push('', `  Administrator: ${e.ADMIN_EMAIL} (password from ADMIN_PASSWORD)`);
  lines.push('');
  console.log(lines.join('\n'));
}
