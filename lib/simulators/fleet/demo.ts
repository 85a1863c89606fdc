import { DEMO_CLIENTS } from '@/lib/demo/seed';
import { generateFleet } from './generate';
import type { Fleet } from './types';

// The fleet both demo simulators serve. Its first client organisations carry
// the demo organisations' names (ThreatLocker keeps a legal suffix on one of
// them, as real tenants do), so the vendor-organisation proposals find them
// and demo users see their own devices.

const store = globalThis as unknown as { __mspDemoFleet?: Fleet };

const DEMO_FLEET_SIZE = 300;

export function buildDemoFleet(options: { size?: number; now?: number } = {}): Fleet {
  const fleet = generateFleet({ size: options.size ?? DEMO_FLEET_SIZE, now: options.now ?? Date.now() });
  DEMO_CLIENTS.forEach((name, index) => {
    const org = fleet.organizations[index];
    if (!org) return;
    const suffix = org.threatLockerName.startsWith(org.ninjaName) ? org.threatLockerName.slice(org.ninjaName.length) : '';
    org.ninjaName = name;
    org.threatLockerName = `${name}${suffix}`;
    org.threatLockerSlug = org.threatLockerName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  });
  return fleet;
}

/** One demo fleet per process, shared by the NinjaOne and ThreatLocker simulators. */
export function demoFleet(): Fleet {
  store.__mspDemoFleet ??= buildDemoFleet();
  return store.__mspDemoFleet;
}
