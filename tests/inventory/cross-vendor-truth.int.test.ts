import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { EXCEPTION_TYPES } from '@/lib/inventory/model/variance';
import { useTestDatabase } from '@/tests/db';
import { compareWithTruth, generateTruthFleet, TRUTH_NOW, type FoundException, type TruthFleet } from './truth-fleet';
import { storeTruthFleet } from './truth-fleet-store';

// 5,000 NinjaOne devices (and their ThreatLocker agents) from the truth
// generator, stored as the day's snapshots with every vendor organisation
// mapped, through the stored cross-vendor run: the exceptions table must hold
// exactly the exceptions the generator expects, per type.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let fleet: TruthFleet;
const DAY = '2025-09-29';

beforeAll(async () => {
  database = await useTestDatabase();
  fleet = generateTruthFleet({ seed: 20250929, size: 5_000 });
  await storeTruthFleet(database.db, fleet, DAY);
}, 300_000);
afterAll(async () => database.drop());

describe('stored cross-vendor run on a generated 5,000-device fleet', () => {
  it('records 0 missed and 0 false exceptions of every type', async () => {
    const result = await runCrossVendorChecks(database.db, { now: new Date(TRUTH_NOW) });
    const stored = await database.db.selectFrom('exceptions').select(['type', 'hostname', 'details']).execute();
    const comparison = compareWithTruth(stored as unknown as FoundException[], fleet.expected);

    const misses = Object.fromEntries(Object.entries(comparison).map(([type, c]) => [type, { missed: c.missed.slice(0, 5), unexpected: c.unexpected.slice(0, 5) }]));
    expect(misses).toEqual(Object.fromEntries(EXCEPTION_TYPES.map((type) => [type, { missed: [], unexpected: [] }])));
    for (const type of EXCEPTION_TYPES) {
      expect(comparison[type].expected, type).toBeGreaterThan(0);
      expect(result.counts[type], type).toBe(comparison[type].expected);
    }
    expect(stored).toHaveLength(fleet.expected.length);
  }, 300_000);
});
