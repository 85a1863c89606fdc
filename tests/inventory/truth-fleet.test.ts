import { describe, expect, it } from 'vitest';
import { EXCEPTION_TYPES, findCrossVendorExceptions } from '@/lib/inventory/model/variance';
import { compareWithTruth, generateTruthFleet, SCENARIOS, type TypeComparison } from './truth-fleet';

// The cross-vendor checks against generated fleets whose truth the generator
// wrote down as it built them: nothing missed, nothing raised without cause.

const SEEDS = [1, 2, 3, 4, 5];
const SIZE = 2_000;

/** The first few misses per type, so a failure names the machines. */
const misses = (comparison: Record<string, TypeComparison>) =>
  Object.fromEntries(Object.entries(comparison).map(([type, c]) => [type, { missed: c.missed.slice(0, 5), unexpected: c.unexpected.slice(0, 5) }]));
const none = Object.fromEntries(EXCEPTION_TYPES.map((type) => [type, { missed: [], unexpected: [] }]));

describe('cross-vendor checks on generated fleets that know their truth', () => {
  it.each(SEEDS)('seed %i: 0 missed and 0 false exceptions of every type', (seed) => {
    const fleet = generateTruthFleet({ seed, size: SIZE });
    expect(fleet.ninja.length).toBeGreaterThanOrEqual(SIZE);
    // Every scenario and every exception type occurs, so a zero means something.
    for (const scenario of SCENARIOS) expect(fleet.scenarios[scenario], scenario).toBeGreaterThan(0);
    for (const type of EXCEPTION_TYPES) expect(fleet.expected.filter((e) => e.type === type).length, type).toBeGreaterThan(0);

    const result = findCrossVendorExceptions(fleet.ninja, fleet.threatlocker);
    const comparison = compareWithTruth(result.exceptions, fleet.expected);
    expect(misses(comparison)).toEqual(none);
    expect(result.exceptions).toHaveLength(fleet.expected.length);
  });

  it('is deterministic per seed and gives every machine its own names and serials', () => {
    const a = generateTruthFleet({ seed: 7, size: 500 });
    expect(generateTruthFleet({ seed: 7, size: 500 })).toEqual(a);
    expect(generateTruthFleet({ seed: 8, size: 500 }).ninja).not.toEqual(a.ninja);
    const keys = a.ninja.map((d) => (d.hostname ?? '').split('.')[0]!.trim().toLowerCase()).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = [...a.ninja, ...a.threatlocker].map((d) => d.vendorDeviceId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
