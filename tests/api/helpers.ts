import type { Db } from '@/db';
import { stopBoss } from '@/lib/jobs/queue';
import { bearerFor, seedWorld } from '@/tests/fixtures';

/** Seeds the two-tenant world and signs its superuser in. */
export async function seedWorldWithSuperuser(db: Db) {
  const world = await seedWorld(db);
  return { world, su: await bearerFor(db, world.superuser.id) };
}

/** Stops the job queue the routes may have started, then drops the database. */
export async function closeTestDatabase(database: { drop: () => Promise<void> }) {
  await stopBoss();
  await database.drop();
}
