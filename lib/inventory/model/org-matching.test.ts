import { describe, expect, it } from 'vitest';
import { normalizeOrganizationName, organizationNameSimilarity, proposeOrganization } from './org-matching';

const ours = [
  { id: 1, name: 'Our MSP' },
  { id: 2, name: 'Acme Dental' },
  { id: 3, name: 'Birch & Rowe Legal' },
  { id: 4, name: 'Cobalt Logistics' },
];

describe('vendor organisation proposals', () => {
  it('ignores legal suffixes, punctuation, case and "&"', () => {
    expect(normalizeOrganizationName('Cobalt Logistics, LLC')).toBe('cobalt logistics');
    expect(normalizeOrganizationName('Birch & Rowe Legal PLLC')).toBe('birch and rowe legal');
    expect(organizationNameSimilarity('ACME DENTAL INC.', 'Acme Dental')).toBe(1);
  });

  it('proposes the closest organisation with its score', () => {
    expect(proposeOrganization('Cobalt Logistics Ltd', ours)).toEqual({ organizationId: 4, score: 1 });
    expect(proposeOrganization('Birch and Rowe Legal', ours)).toEqual({ organizationId: 3, score: 1 });
    const typo = proposeOrganization('Acme Dentl', ours);
    expect(typo?.organizationId).toBe(2);
    expect(typo!.score).toBeLessThan(1);
  });

  it('proposes nothing for unrelated names or ties', () => {
    expect(proposeOrganization('Driftwood Veterinary', ours)).toBeNull();
    expect(proposeOrganization('Acme', [{ id: 1, name: 'Acme East' }, { id: 2, name: 'Acme West' }])).toBeNull();
    expect(proposeOrganization('', ours)).toBeNull();
  });
});
