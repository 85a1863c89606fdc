import type { Db } from '@/db';
import { env } from '@/lib/core/env';
import { demoFleet } from '@/lib/simulators/fleet/demo';
import { sharedSimulator, SIMULATOR_RETRY, sourceModeFor, type VendorSource } from '../source';
import { createThreatLockerClient, type ThreatLockerClient } from './client';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '@/lib/simulators/threatlocker';

// Where the ThreatLocker collector gets its data: the configured instance, or
// in demo mode the built-in simulator serving the shared demo fleet.

export function hasThreatLockerCredentials(): boolean {
  const e = env();
  return Boolean(e.THREATLOCKER_BASE_URL && e.THREATLOCKER_API_KEY && e.THREATLOCKER_ORG_ID);
}

/** The demo simulator of this process (started on first use). */
export function demoThreatLockerSimulator(): Promise<ThreatLockerSimulator> {
  return sharedSimulator('threatlocker', () => startThreatLockerSimulator({ fleet: demoFleet() }));
}

export type ThreatLockerSource = VendorSource<ThreatLockerClient> | { mode: 'unconfigured'; client: null };

export async function threatLockerSource(db: Db): Promise<ThreatLockerSource> {
  const mode = await sourceModeFor(db, hasThreatLockerCredentials());
  if (mode === 'unconfigured') return { mode, client: null };
  if (mode === 'live') {
    const e = env();
    return {
      mode,
      client: createThreatLockerClient({ baseUrl: e.THREATLOCKER_BASE_URL!, apiKey: e.THREATLOCKER_API_KEY!, organizationId: e.THREATLOCKER_ORG_ID! }),
    };
  }
  const sim = await demoThreatLockerSimulator();
  return {
    mode,
    client: createThreatLockerClient({
      baseUrl: sim.url,
      apiKey: sim.apiKey,
      organizationId: sim.parentOrganizationId,
      retry: SIMULATOR_RETRY,
    }),
  };
}

export const THREATLOCKER_UNCONFIGURED =
  'ThreatLocker is not configured: set THREATLOCKER_BASE_URL (your instance), THREATLOCKER_API_KEY and THREATLOCKER_ORG_ID.';
