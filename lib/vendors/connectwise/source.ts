import type { Db } from '@/db';
import { env } from '@/lib/core/env';
import { DEMO_CLIENTS } from '@/lib/demo/seed';
import { sharedSimulator, sourceModeFor, type SourceMode, type VendorSource } from '../source';
import { createConnectWiseClient, type ConnectWiseClient, type ConnectWiseClientOptions, type ConnectWiseConfig } from './client';
import { startConnectWiseSimulator } from '@/lib/simulators/connectwise';

// Where the ConnectWise collector reads from: the configured Manage server,
// or in demo mode the built-in simulator (with the demo clients' names).

function connectWiseConfigFromEnv(): ConnectWiseConfig | null {
  const e = env();
  const c = {
    CONNECTWISE_SERVER: e.CONNECTWISE_SERVER,
    CONNECTWISE_COMPANY_ID: e.CONNECTWISE_COMPANY_ID,
    CONNECTWISE_CLIENT_ID: e.CONNECTWISE_CLIENT_ID,
    CONNECTWISE_PUBLIC_KEY: e.CONNECTWISE_PUBLIC_KEY,
    CONNECTWISE_PRIVATE_KEY: e.CONNECTWISE_PRIVATE_KEY,
  };
  return Object.values(c).every((v) => typeof v === 'string' && v !== '') ? (c as ConnectWiseConfig) : null;
}

export type ConnectWiseSource = VendorSource<ConnectWiseClient>;

export const connectWiseMode = (db: Db): Promise<SourceMode> => sourceModeFor(db, connectWiseConfigFromEnv() !== null);

export function demoConnectWiseSimulator() {
  return sharedSimulator('connectwise', () => startConnectWiseSimulator({ clients: DEMO_CLIENTS, ownCompanyName: env().HOME_ORG_NAME }));
}

/** A client for the collector; throws a clear message when ConnectWise is not configured. */
export async function connectWiseSource(db: Db, options: ConnectWiseClientOptions = {}): Promise<ConnectWiseSource> {
  const configured = connectWiseConfigFromEnv();
  const mode = await sourceModeFor(db, configured !== null);
  if (mode === 'unconfigured' || (mode === 'live' && !configured)) {
    throw new Error('ConnectWise is not configured: set CONNECTWISE_SERVER, CONNECTWISE_COMPANY_ID, CONNECTWISE_CLIENT_ID, CONNECTWISE_PUBLIC_KEY and CONNECTWISE_PRIVATE_KEY.');
  }
  if (mode === 'live') return { mode, client: createConnectWiseClient(configured!, options) };
  const sim = await demoConnectWiseSimulator();
  return { mode, client: createConnectWiseClient(sim.config, { codebase: sim.codebase, ...options }) };
}
