import { sql } from 'kysely';
import { getDatabase } from '@/db';
import { hashPassword } from '@/lib/auth/passwords';
import { DEMO_USERS, demoPassword, ensureHomeOrganization, isDemoSeeded, seedDemo } from '@/lib/demo/seed';
import { seedDrupalDemo } from '@/lib/drupal/demo';
import { env } from '@/lib/core/env';
import { queueWindows11Demo, seedInventoryDemo } from '@/lib/inventory';
import { logger } from '@/lib/core/logger';
import { startQbrDemo } from '@/lib/qbr/demo';
import { connectRedis } from '@/lib/http/redis';

/** Makes sure ADMIN_EMAIL is a superuser of the home organisation with ADMIN_PASSWORD. */
export async function ensureAdmin(): Promise<void> {
  const e = env();
  if (!e.ADMIN_EMAIL || !e.ADMIN_PASSWORD) return;
  const { db } = await getDatabase();
  const homeId = await ensureHomeOrganization(db);
  const hashed = await hashPassword(e.ADMIN_PASSWORD);
  await db
    .insertInto('users')
    .values({ name: 'Administrator', email: e.ADMIN_EMAIL.toLowerCase(), hashed_password: hashed, organization_id: homeId, role: 'superuser' })
    .onConflict((oc) =>
      oc
        .expression(sql`lower(email)`)
        .where('is_deleted', '=', false)
        .doUpdateSet({ hashed_password: hashed, role: 'superuser', is_active: true, organization_id: homeId }),
    )
    .execute();
  logger.info({ email: e.ADMIN_EMAIL }, 'administrator account ensured');
}

/**
 * Start-up of a web or jobs process: migrate (done when the database opens),
 * the home organisation, the administrator, and the demo dataset when demo
 * mode is on. Returns whether demo mode is active.
 */
export async function bootstrap(): Promise<{ demo: boolean }> {
  const e = env();
  const { db } = await getDatabase();
  await connectRedis();
  const empty = !(await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst());
  await ensureHomeOrganization(db);
  await ensureAdmin();
  const wantDemo = e.DEMO ?? (e.isEmbedded && (empty || (await isDemoSeeded(db))));
  if (wantDemo) {
    if (await seedDemo(db)) logger.info('demo dataset seeded');
    await startQbrDemo(db);
    await seedInventoryDemo(db);
    await queueWindows11Demo(db);
    await seedDrupalDemo(db).catch((error: unknown) => logger.error({ err: error }, 'drupal demo data not seeded'));
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
