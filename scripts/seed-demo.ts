import { getDatabase } from '../db';
import { printBanner } from '../lib/demo/bootstrap';
import { seedDemo } from '../lib/demo/seed';

// npm run db:seed-demo – load the demo dataset into the configured database.
const database = await getDatabase();
try {
  console.log((await seedDemo(database.db)) ? 'Demo dataset loaded.' : 'Demo dataset was already loaded.');
  printBanner(true);
} finally {
  await database.close();
}
