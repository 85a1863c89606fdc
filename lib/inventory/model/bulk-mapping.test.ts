import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/simulators/random';
import { planOrganizationsForUnmatched } from './bulk-mapping';
import { MIN_PROPOSAL_SCORE, normalizeOrganizationName, organizationNameSimilarity } from './org-matching';

describe('planOrganizationsForUnmatched', () => {
  const ours = [
    { id: 1, name: 'Home MSP' },
    { id: 2, name: 'Harbour Freight Co' },
  ];

  it('creates one organisation per client, leaves near matches and nameless ones alone', () => {
    const plan = planOrganizationsForUnmatched(
      [
        { id: 10, name: 'QUARTZ LABS, Inc.' },
        { id: 11, name: '  Quartz   Labs ' },
        { id: 12, name: 'Harbor Freight LLC' },
        { id: 13, name: ' - ' },
        { id: 14, name: 'Driftwood Veterinary' },
      ],
      ours,
    );
    expect(plan.create).toEqual([
      { name: 'Driftwood Veterinary', vendorOrganizationIds: [14] },
      { name: 'Quartz Labs', vendorOrganizationIds: [10, 11] },
    ]);
    expect(plan.skipped).toEqual([
      { id: 13, name: ' - ', reason: 'no_name' },
      { id: 12, name: 'Harbor Freight LLC', reason: 'close_to_existing', closest: { id: 2, name: 'Harbour Freight Co' } },
    ]);
    expect(planOrganizationsForUnmatched([], ours)).toEqual({ create: [], skipped: [] });
  });

  it('accounts for every vendor organisation exactly once, on generated lists', () => {
    const words = ['Acme', 'Acne', 'Birch', 'Cobalt', 'Dental', 'Legal', 'Freight', 'Harbour', 'Harbor', 'Labs', 'LLC', 'Inc.', '&', 'Co'];
    for (let seed = 1; seed <= 500; seed += 1) {
      const rng = createRng(seed);
      const name = () => Array.from({ length: rng.int(1, 3) }, () => rng.pick(words)).join(rng.pick([' ', ', ', '-']));
      const existing = Array.from({ length: rng.int(0, 4) }, (_, i) => ({ id: i + 1, name: name() }));
      const unmatched = Array.from({ length: rng.int(0, 12) }, (_, i) => ({ id: 100 + i, name: name() }));
      const plan = planOrganizationsForUnmatched(unmatched, existing);

      const seen = [...plan.create.flatMap((c) => c.vendorOrganizationIds), ...plan.skipped.map((s) => s.id)].sort();
      expect(seen, `seed ${seed}`).toEqual(unmatched.map((u) => u.id).sort());
      const keyOf = (id: number) => normalizeOrganizationName(unmatched.find((u) => u.id === id)!.name);
      const keys = plan.create.map((c) => normalizeOrganizationName(c.name));
      expect(new Set(keys).size, `seed ${seed}`).toBe(keys.length);
      for (const c of plan.create) {
        expect(c.vendorOrganizationIds.every((id) => keyOf(id) === normalizeOrganizationName(c.name)), `seed ${seed}`).toBe(true);
        expect(existing.every((o) => organizationNameSimilarity(c.name, o.name) < MIN_PROPOSAL_SCORE), `seed ${seed}`).toBe(true);
      }
      for (const s of plan.skipped) {
        if (s.reason === 'no_name') expect(keyOf(s.id)).toBe('');
        else expect(organizationNameSimilarity(s.name, s.closest!.name)).toBeGreaterThanOrEqual(MIN_PROPOSAL_SCORE);
      }
    }
  });
});
