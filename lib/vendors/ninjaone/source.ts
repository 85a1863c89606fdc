import type { Db } from '@/db';
import { env } from '@/lib/core/env';
import { demoFleet } from '@/lib/simulators/fleet/demo';
import { sharedSimulator, SIMULATOR_RETRY, sourceModeFor, type VendorSource } from '../source';
import { createNinjaOneClient, ninjaOneRegions, type NinjaOneClient } from './client';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '@/lib/simulators/ninjaone';

// Where the NinjaOne collector gets its data: the configured tenant, or in
// demo mode the built-in simulator serving the shared demo fleet.

export function hasNinjaOneCredentials(): boolean {
  const e = env();
  return Boolean(e.NINJAONE_CLIENT_ID && e.NINJAONE_CLIENT_SECRET);
}

/** The demo simulator of this process (started on first use). */
export function demoNinjaOneSimulator(): Promise<NinjaOneSimulator> {
  return sharedSimulator('ninjaone', () => startNinjaOneSimulator({ fleet: demoFleet() }));
}

export type NinjaOneSource = VendorSource<NinjaOneClient> | { mode: 'unconfigured'; client: null };

export async function ninjaOneSource(db: Db): Promise<NinjaOneSource> {
  const mode = await sourceModeFor(db, hasNinjaOneCredentials());
  if (mode === 'unconfigured') return { mode, client: null };
  if (mode === 'live') {
    const e = env();
    return {
      mode,
      client: createNinjaOneClient({
        baseUrl: e.NINJAONE_BASE_URL ?? ninjaOneRegions.us,
        clientId: e.NINJAONE_CLIENT_ID!,
        clientSecret: e.NINJAONE_CLIENT_SECRET!,
        refreshToken: e.NINJAONE_REFRESH_TOKEN,
      }),
    };
  }
  const sim = await demoNinjaOneSimulator();
  return {
    mode,
    client: createNinjaOneClient({
      baseUrl: sim.url,
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      retry: SIMULATOR_RETRY,
    }),
  };
}

export const NINJAONE_UNCONFIGURED =
  'NinjaOne is not configured: set NINJAONE_CLIENT_ID and NINJAONE_CLIENT_SECRET (and NINJAONE_BASE_URL for your region).';
