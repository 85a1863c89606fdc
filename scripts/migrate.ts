import { env } from '../lib/core/env';
import { openDatabase } from '../db/client';
import { migrateDownAll, migrateToLatest } from '../db/migrate';

// npm run db:migrate            – apply pending migrations
// npm run db:migrate -- down    – revert every migration (drops all data)
const e = env();
const database = await openDatabase(e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.dataDir });
try {
  if (process.argv[2] === 'down') {
    const reverted = await migrateDownAll(database.db);
    console.log(reverted.length ? `Reverted: ${reverted.join(', ')}` : 'Nothing to revert');
  } else {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
  }
} finally {
  await database.close();
}
