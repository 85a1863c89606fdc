import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/lib/demo/seed';
import { seedDrupalDemo } from '@/lib/drupal/demo';
import { listSites } from '@/db/queries/drupal/sites';
import { stopSimulators } from '@/lib/vendors/source';
import { useTestDatabase } from '@/tests/db';

let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  process.env.DEMO_PASSWORD = 'demo-password-for-tests';
  database = await useTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await stopSimulators();
  await database.drop();
});

describe('Drupal demo data', () => {
  it('gives the demo sites reports, verdicts from the simulator, history and patch runs — once', async () => {
    expect(await seedDrupalDemo(database.db)).toBe(true);
    const { rows } = await listSites(database.db, { organizationId: null }, { sort: 'worst' }, { page: 1, per_page: 10 });
    expect(rows).toHaveLength(4);
    expect(rows.every((s) => s.module_count > 0 && s.last_report_at !== null)).toBe(true);
    // Worst first; Cobalt keeps up to date and comes last.
    const security = rows.map((s) => s.security_updates);
    expect(security).toEqual([...security].sort((x, y) => y - x));
    expect(rows.find((s) => s.url === 'https://www.acme-dental.example')).toMatchObject({ core_version: '10.3.10', security_updates: 4 });
    expect(rows.at(-1)).toMatchObject({ url: 'https://track.cobalt-logistics.example', security_updates: 0, other_updates: 0 });
    const pending = await database.db.selectFrom('site_modules').select('id').where('status', '=', 'not_fetched').execute();
    expect(pending).toHaveLength(0);
    const items = await database.db.selectFrom('patch_run_items').select(['is_security', 'lag_seconds']).execute();
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((i) => i.is_security)).toBe(true);
    expect(items.every((i) => i.lag_seconds !== null)).toBe(true);
    expect(await seedDrupalDemo(database.db)).toBe(false);
  });
});
