import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { generateFleet } from './generate';
import type { Fleet } from './types';

const fleet = generateFleet();

function tlByHostname(f: Fleet) {
  const map = new Map<string, number>();
  for (const c of f.threatLockerComputers) map.set(c.hostname.toLowerCase(), (map.get(c.hostname.toLowerCase()) ?? 0) + 1);
  return map;
}

describe('createRng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('makes well-formed v4 uuids', () => {
    const rng = createRng(1);
    for (let i = 0; i < 50; i += 1) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('generateFleet', () => {
  it('is deterministic for a seed', () => {
    expect(JSON.stringify(generateFleet())).toBe(JSON.stringify(fleet));
    expect(JSON.stringify(generateFleet({ seed: 7 }))).not.toBe(JSON.stringify(fleet));
  });

  it('has exactly the requested size per vendor, across several client organisations', () => {
    expect(fleet.ninjaDevices).toHaveLength(300);
    expect(fleet.threatLockerComputers).toHaveLength(300);
    const sized = generateFleet({ size: 123, threatLockerSize: 77 });
    expect(sized.ninjaDevices).toHaveLength(123);
    expect(sized.threatLockerComputers).toHaveLength(77);
    expect(fleet.organizations.length).toBeGreaterThanOrEqual(6);
    const orgsWithDevices = new Set(fleet.ninjaDevices.map((d) => d.organizationId));
    expect(orgsWithDevices.size).toBe(fleet.organizations.length);
  });

  it('keeps NinjaOne ids unique and ascending, and machine names unique', () => {
    const ids = fleet.ninjaDevices.map((d) => d.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const names = fleet.ninjaDevices.map((d) => d.systemName);
    expect(new Set(names).size).toBe(names.length);
    // NetBIOS names must stay unique too, or truncation would merge two machines.
    expect(new Set(names.map((n) => n.slice(0, 15).toLowerCase())).size).toBe(names.length);
  });

  it('starts with the fixtures’ Acme Dental story', () => {
    const acme = fleet.organizations[0]!;
    expect(acme).toMatchObject({ ninjaId: 7, ninjaName: 'Acme Dental', threatLockerId: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b' });
    expect(fleet.ninjaDevices.filter((d) => d.id < 2000).map((d) => d.systemName)).toEqual(['ACME-ACCT-LAPTOP-07', 'FRONTDESK-01', 'ACME-DC01']);
    const tl = tlByHostname(fleet);
    expect(tl.get('acme-acct-lapto')).toBe(1);
    expect(tl.get('reception-pc2')).toBe(1);
    expect(tl.has('frontdesk-01')).toBe(false);
  });

  it('contains every hard case', () => {
    for (const [name, list] of Object.entries(fleet.cases)) {
      expect(list.length, `case ${name}`).toBeGreaterThan(0);
    }
  });

  it('truncates long hostnames to 15 characters in ThreatLocker only', () => {
    const tl = tlByHostname(fleet);
    for (const hostname of fleet.cases.truncatedHostnames) {
      expect(hostname.length).toBeGreaterThan(15);
      expect(fleet.ninjaDevices.some((d) => d.systemName === hostname)).toBe(true);
      expect(tl.has(hostname.slice(0, 15).toLowerCase())).toBe(true);
      expect(tl.has(hostname.toLowerCase())).toBe(false);
    }
    expect(fleet.threatLockerComputers.every((c) => c.hostname.length <= 15)).toBe(true);
  });

  it('puts one-vendor devices in one vendor only, and duplicates twice in ThreatLocker', () => {
    const tl = tlByHostname(fleet);
    const ninja15 = new Set(fleet.ninjaDevices.map((d) => d.systemName.slice(0, 15).toLowerCase()));
    for (const hostname of fleet.cases.ninjaOnly) expect(tl.has(hostname.slice(0, 15).toLowerCase())).toBe(false);
    for (const hostname of fleet.cases.threatLockerOnly) expect(ninja15.has(hostname.toLowerCase())).toBe(false);
    for (const hostname of fleet.cases.duplicateInThreatLocker) expect(tl.get(hostname.toLowerCase())).toBeGreaterThanOrEqual(2);
  });

  it('models cross-vendor disagreements', () => {
    const orgByNinjaId = new Map(fleet.organizations.map((o) => [o.ninjaId, o]));
    for (const mismatch of fleet.cases.organizationMismatch) {
      const device = fleet.ninjaDevices.find((d) => d.systemName === mismatch.hostname)!;
      const computer = fleet.threatLockerComputers.find((c) => c.hostname.toLowerCase() === mismatch.hostname.slice(0, 15).toLowerCase())!;
      expect(orgByNinjaId.get(device.organizationId)?.index).not.toBe(computer.organizationIndex);
    }
    for (const renamed of fleet.cases.renamedOrganizations) expect(renamed.threatLockerName).not.toBe(renamed.ninjaName);
    for (const site of fleet.cases.renamedSites) expect(site.ninjaLocation).not.toBe(site.threatLockerSite);
    const renamedSite = fleet.cases.renamedSites[0]!;
    expect(fleet.threatLockerComputers.some((c) => c.group.startsWith(`${renamedSite.threatLockerSite} - `))).toBe(true);
    for (const mismatch of fleet.cases.displayNameMismatch) {
      expect(mismatch.ninjaDisplayName.toLowerCase()).not.toBe(mismatch.threatLockerComputerName.toLowerCase());
    }
  });

  it('has spare devices that still check in to ThreatLocker', () => {
    const spareLocations = new Set(fleet.organizations.flatMap((o) => o.locations.filter((l) => l.isSpare).map((l) => l.ninjaId)));
    for (const hostname of fleet.cases.spareActiveInThreatLocker) {
      const device = fleet.ninjaDevices.find((d) => d.systemName === hostname)!;
      expect(spareLocations.has(device.locationId) || /spare/i.test(device.displayName ?? '')).toBe(true);
    }
  });

  it('includes servers, VM guests and placeholder serials', () => {
    const byName = new Map(fleet.ninjaDevices.map((d) => [d.systemName, d]));
    expect(fleet.cases.servers.every((h) => byName.get(h)?.nodeClass === 'WINDOWS_SERVER')).toBe(true);
    expect(fleet.cases.vmGuests.every((h) => byName.get(h)?.nodeClass === 'VMWARE_VM_GUEST')).toBe(true);
    expect(fleet.cases.placeholderSerials.length).toBeGreaterThan(0);
  });

  it('scales to 50,000 devices per vendor quickly', { timeout: 60_000 }, () => {
    const started = performance.now();
    const big = generateFleet({ size: 50_000 });
    // Generous: about 1 s on an idle machine, shared CI runners are slower.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(big.ninjaDevices).toHaveLength(50_000);
    expect(big.threatLockerComputers).toHaveLength(50_000);
  });
});
