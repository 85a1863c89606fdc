import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '@/lib/simulators/random';
import { compareOrganizations, threatlockerScope } from './org-identity';
import { findCrossVendorExceptions, type InventoryDevice, type InventoryException } from './variance';

// The organisation rule of the cross-vendor checks against generated
// inventories whose truth the generator knows: every vendor organisation is a
// spelling of one client (or of none), and is confirmed to a tenant, left
// unmapped or ignored. The truth below reads that knowledge, never the names.

type State = 'confirmed' | 'unmapped' | 'ignored';

interface GenOrg {
  vendorOrgId: string;
  /** Index of the client the name spells; null for a nameless organisation. */
  client: number | null;
  name: string | null;
  state: State;
  /** The tenant of a confirmed mapping; usually the client's own, sometimes another (a person knows better than the names). */
  tenant: number | null;
}

type Verdict = { same: boolean; by: 'mapping' | 'name' } | null;

// Rows: the NinjaOne side's state; columns: ThreatLocker's. Written out as a
// table so that each combination is decided here once, on the generator's facts.
const TRUTH: Record<State, Record<State, (n: GenOrg, t: GenOrg) => Verdict>> = {
  confirmed: {
    confirmed: (n, t) => ({ same: n.tenant === t.tenant, by: 'mapping' }),
    unmapped: (n, t) => byClient(n, t),
    ignored: () => null,
  },
  unmapped: {
    confirmed: (n, t) => byClient(n, t),
    unmapped: (n, t) => byClient(n, t),
    ignored: () => null,
  },
  ignored: { confirmed: () => null, unmapped: () => null, ignored: () => null },
};

function byClient(n: GenOrg, t: GenOrg): Verdict {
  if (n.client === null || t.client === null) return null;
  return { same: n.client === t.client, by: 'name' };
}

const truth = (n: GenOrg, t: GenOrg) => TRUTH[n.state][t.state](n, t);

// Client names that stay distinct once normalised, including near misses
// ("Acme Dental" / "Acme Dentals" / "Acme Dental 2").
const FIRST = ['Acme', 'Birch & Rowe', 'Cobalt', 'Delta', 'Ember', 'Fable', 'Granite', 'Harbor'];
const SECOND = ['Dental', 'Dentals', 'Legal', 'Logistics', 'Clinic', 'Dental 2'];
const CLIENTS = FIRST.flatMap((a) => SECOND.map((b) => `${a} ${b}`));
const SUFFIXES = ['LLC', 'Inc.', 'Ltd', 'PLLC', 'Corp', 'Co. LLC', 'GmbH'];

/** Another spelling of the same client: case, punctuation, "&"/"and", legal suffixes. */
function spell(rng: Rng, client: string): string {
  let name = client;
  if (rng.chance(0.3)) name = name.replace('&', 'and');
  if (rng.chance(0.3)) name = name.toUpperCase();
  else if (rng.chance(0.3)) name = name.toLowerCase();
  if (rng.chance(0.2)) name = name.replace(/ /g, rng.pick(['-', '  ', ' / ', '.']));
  if (rng.chance(0.5)) name = `${name}${rng.pick([' ', ', '])}${rng.pick(SUFFIXES)}`;
  if (rng.chance(0.2)) name = ` ${name} `;
  return name;
}

function makeOrgs(rng: Rng, vendor: string, clients: number[], tenants: number): GenOrg[] {
  const orgs: GenOrg[] = [];
  for (const client of clients) {
    for (let k = rng.int(1, 2); k > 0; k -= 1) {
      const state: State = rng.pick(['confirmed', 'confirmed', 'unmapped', 'unmapped', 'ignored']);
      const tenant = state !== 'confirmed' ? null : rng.chance(0.8) ? client : rng.int(0, tenants - 1);
      orgs.push({ vendorOrgId: `${vendor}-${orgs.length}`, client, name: spell(rng, CLIENTS[client]!), state, tenant });
    }
  }
  if (rng.chance(0.15)) {
    const state: State = rng.pick(['confirmed', 'unmapped', 'ignored']);
    orgs.push({ vendorOrgId: `${vendor}-${orgs.length}`, client: null, name: rng.pick([null, '', ' - ']), state, tenant: state === 'confirmed' ? rng.int(0, tenants - 1) : null });
  }
  return orgs;
}

function device(vendor: 'ninja' | 'tl', hostname: string, org: GenOrg): InventoryDevice {
  return {
    vendorDeviceId: `${vendor}-${hostname}`,
    hostname,
    displayName: hostname,
    serialNumber: null,
    vendorOrganizationId: org.vendorOrgId,
    vendorOrganizationName: org.name,
    // Tenant ids start at 100 so that they never equal a client index by accident.
    organizationId: org.state === 'confirmed' ? 100 + org.tenant! : null,
    organizationIgnored: org.state === 'ignored',
    siteName: null,
    deviceType: vendor === 'ninja' ? 'workstation' : 'unknown',
    billingStatus: vendor === 'ninja' ? 'billable' : 'unknown',
    isActive: true,
    lastSeen: '2025-09-29T08:00:00Z',
  };
}

interface Universe {
  ninja: InventoryDevice[];
  tl: InventoryDevice[];
  siteMismatch: Map<string, 'mapping' | 'name'>;
  missingThreatlocker: Map<string, 'mapping' | 'name'>;
  cells: string[];
}

function generate(seed: number): Universe {
  const rng = createRng(seed);
  const tenants = rng.int(2, 6);
  const clients = [...new Set(Array.from({ length: rng.int(2, 6) }, () => rng.int(0, CLIENTS.length - 1)))];
  const ninjaOrgs = makeOrgs(rng, 'n', clients, tenants);
  // ThreatLocker knows some of the clients only, so scope matters.
  const tlOrgs = makeOrgs(rng, 't', clients.filter((_, i) => i === 0 || rng.chance(0.7)), tenants);
  const u: Universe = { ninja: [], tl: [], siteMismatch: new Map(), missingThreatlocker: new Map(), cells: [] };

  for (let i = 0; i < rng.int(10, 25); i += 1) {
    const hostname = `pc-${seed}-${i}`;
    const n = rng.pick(ninjaOrgs);
    // Mostly the same client on both sides, as in life; sometimes not.
    const sameClient = tlOrgs.filter((t) => t.client === n.client);
    const t = sameClient.length > 0 && rng.chance(0.6) ? rng.pick(sameClient) : rng.pick(tlOrgs);
    u.ninja.push(device('ninja', hostname, n));
    u.tl.push(device('tl', hostname, t));
    const verdict = truth(n, t);
    u.cells.push(`pair ${n.state}/${t.state} ${verdict === null ? 'skipped' : `${verdict.by} ${verdict.same ? 'same' : 'differ'}`}`);
    if (verdict && !verdict.same) u.siteMismatch.set(hostname, verdict.by);
  }

  // ThreatLocker organisations with agents are those of the records above.
  const withAgents = [...new Set(u.tl.map((d) => d.vendorOrganizationId))].map((id) => tlOrgs.find((t) => t.vendorOrgId === id)!);
  for (let i = 0; i < rng.int(5, 15); i += 1) {
    const hostname = `ws-${seed}-${i}`;
    const n = rng.pick(ninjaOrgs);
    u.ninja.push(device('ninja', hostname, n));
    const verdicts = withAgents.map((t) => truth(n, t)).filter((v) => v?.same);
    const by = verdicts.some((v) => v!.by === 'mapping') ? 'mapping' : verdicts.length > 0 ? 'name' : null;
    u.cells.push(`scope ${n.state} ${by ?? 'out'}`);
    if (by) u.missingThreatlocker.set(hostname, by);
  }
  return u;
}

function found(exceptions: InventoryException[], type: 'SITE_MISMATCH' | 'MISSING_THREATLOCKER'): Map<string, unknown> {
  return new Map(exceptions.flatMap((e) => (e.type === type ? [[e.hostname, e.details.org_compared_by]] : [])));
}

describe('organisation rule on generated inventories', () => {
  const UNIVERSES = 400;

  it('raises SITE_MISMATCH and MISSING_THREATLOCKER exactly where the truth table says, mapped or not', () => {
    const cells = new Map<string, number>();
    let cases = 0;
    for (let seed = 1; seed <= UNIVERSES; seed += 1) {
      const u = generate(seed);
      const result = findCrossVendorExceptions(u.ninja, u.tl);
      expect(found(result.exceptions, 'SITE_MISMATCH'), `seed ${seed}`).toEqual(u.siteMismatch);
      expect(found(result.exceptions, 'MISSING_THREATLOCKER'), `seed ${seed}`).toEqual(u.missingThreatlocker);
      for (const cell of u.cells) cells.set(cell, (cells.get(cell) ?? 0) + 1);
      cases += u.cells.length;
    }
    // Every combination the rule distinguishes was exercised, many times.
    for (const cell of [
      'pair confirmed/confirmed mapping same',
      'pair confirmed/confirmed mapping differ',
      'pair confirmed/unmapped name same',
      'pair confirmed/unmapped name differ',
      'pair unmapped/confirmed name same',
      'pair unmapped/confirmed name differ',
      'pair unmapped/unmapped name same',
      'pair unmapped/unmapped name differ',
      'pair unmapped/unmapped skipped',
      'pair ignored/confirmed skipped',
      'pair confirmed/ignored skipped',
      'scope confirmed mapping',
      'scope confirmed name',
      'scope confirmed out',
      'scope unmapped name',
      'scope unmapped out',
      'scope ignored out',
    ]) {
      expect(cells.get(cell) ?? 0, cell).toBeGreaterThan(20);
    }
    expect(cases).toBeGreaterThan(5000);
  });

  it('gives the same verdicts when the ThreatLocker organisations are passed in and only some devices are checked', () => {
    for (let seed = 1; seed <= 100; seed += 1) {
      const u = generate(seed);
      const organizations = u.tl.map((d) => ({ organizationId: d.organizationId, vendorOrganizationName: d.vendorOrganizationName, organizationIgnored: d.organizationIgnored }));
      const ninjaOnly = u.ninja.filter((d) => d.hostname!.startsWith('ws-'));
      const result = findCrossVendorExceptions(ninjaOnly, [], { threatlockerOrganizations: organizations });
      expect(found(result.exceptions, 'MISSING_THREATLOCKER'), `seed ${seed}`).toEqual(u.missingThreatlocker);
    }
  });
});

describe('compareOrganizations and threatlockerScope', () => {
  const side = (organizationId: number | null, vendorOrganizationName: string | null, organizationIgnored = false) => ({ organizationId, vendorOrganizationName, organizationIgnored });

  it('lets a mapping win over the names, and compares by name while either side is unmapped', () => {
    expect(compareOrganizations(side(1, 'Acme'), side(2, 'Acme'))).toEqual({ same: false, by: 'mapping' });
    expect(compareOrganizations(side(1, 'Acme'), side(1, 'Bluebird'))).toEqual({ same: true, by: 'mapping' });
    expect(compareOrganizations(side(1, 'Acme Dental'), side(null, 'ACME DENTAL, LLC'))).toEqual({ same: true, by: 'name' });
    expect(compareOrganizations(side(null, 'Acme Dental'), side(null, 'Acme Dentals'))).toEqual({ same: false, by: 'name' });
    expect(compareOrganizations(side(null, 'Acme'), side(null, 'Bluebird', true))).toBeNull();
    expect(compareOrganizations(side(null, null), side(null, 'Bluebird'))).toBeNull();
  });

  it('puts a NinjaOne organisation in scope through a tenant or a name, never through an ignored one', () => {
    const inScope = threatlockerScope([side(1, 'Acme'), side(null, 'Bluebird Inc.'), side(null, 'Cobalt', true)]);
    expect(inScope(side(1, 'Anything'))).toBe('mapping');
    expect(inScope(side(2, 'Bluebird'))).toBe('name');
    expect(inScope(side(2, 'Acme'))).toBeNull(); // both mapped, to different tenants
    expect(inScope(side(null, 'acme'))).toBe('name');
    expect(inScope(side(null, 'Cobalt'))).toBeNull();
    expect(inScope(side(null, 'Bluebird', true))).toBeNull();
  });
});
