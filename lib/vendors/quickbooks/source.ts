import type { Db } from '@/db';
import { env } from '@/lib/core/env';
import { DEMO_CLIENTS } from '@/lib/demo/seed';
import { sharedSimulator, sourceModeFor, type SourceMode, type VendorSource } from '../source';
import { createQuickBooksClient, QUICKBOOKS_PRODUCTION_URL, type QuickBooksClient, type QuickBooksClientOptions, type QuickBooksConfig } from './client';
import { startQuickBooksSimulator } from '@/lib/simulators/quickbooks';
import { connectionKey, quickBooksTokenStore } from './token-store';

// Where the QuickBooks collector reads from: the configured company, or in
// demo mode the built-in simulator. Either way the rotating refresh token
// goes through the encrypted token store.

function quickBooksConfigFromEnv(): QuickBooksConfig | null {
  const e = env();
  const c = {
    QUICKBOOKS_BASE_URL: e.QUICKBOOKS_BASE_URL,
    QUICKBOOKS_CLIENT_ID: e.QUICKBOOKS_CLIENT_ID,
    QUICKBOOKS_CLIENT_SECRET: e.QUICKBOOKS_CLIENT_SECRET,
    QUICKBOOKS_REFRESH_TOKEN: e.QUICKBOOKS_REFRESH_TOKEN,
    QUICKBOOKS_REALM_ID: e.QUICKBOOKS_REALM_ID,
  };
  const required = [c.QUICKBOOKS_CLIENT_ID, c.QUICKBOOKS_CLIENT_SECRET, c.QUICKBOOKS_REFRESH_TOKEN, c.QUICKBOOKS_REALM_ID];
  return required.every((v) => typeof v === 'string' && v !== '') ? (c as QuickBooksConfig) : null;
}

export type QuickBooksSource = VendorSource<QuickBooksClient>;

export const quickBooksMode = (db: Db): Promise<SourceMode> => sourceModeFor(db, quickBooksConfigFromEnv() !== null);

/** A client whose refresh token starts from, and rotates into, the encrypted store. */
async function quickBooksClientWithStore(db: Db, config: QuickBooksConfig, options: Omit<QuickBooksClientOptions, 'persistRefreshToken'> = {}): Promise<QuickBooksClient> {
  const base = config.QUICKBOOKS_BASE_URL ?? QUICKBOOKS_PRODUCTION_URL;
  const store = quickBooksTokenStore(db, connectionKey(base, config.QUICKBOOKS_REALM_ID, config.QUICKBOOKS_CLIENT_ID), config.QUICKBOOKS_REFRESH_TOKEN);
  const current = await store.load();
  return createQuickBooksClient({ ...config, QUICKBOOKS_REFRESH_TOKEN: current }, { ...options, persistRefreshToken: store.save });
}

export function demoQuickBooksSimulator(db: Db) {
  return sharedSimulator('quickbooks', async () => {
    const sim = await startQuickBooksSimulator({ clients: DEMO_CLIENTS });
    // A new simulator starts a new token chain: forget any chain stored for this address before.
    const c = sim.config;
    await quickBooksTokenStore(db, connectionKey(c.QUICKBOOKS_BASE_URL!, c.QUICKBOOKS_REALM_ID, c.QUICKBOOKS_CLIENT_ID), c.QUICKBOOKS_REFRESH_TOKEN).save(c.QUICKBOOKS_REFRESH_TOKEN);
    return sim;
  });
}

/** A client for the collector; throws a clear message when QuickBooks is not configured. */
export async function quickBooksSource(db: Db, options: Omit<QuickBooksClientOptions, 'persistRefreshToken'> = {}): Promise<QuickBooksSource> {
  const configured = quickBooksConfigFromEnv();
  const mode = await sourceModeFor(db, configured !== null);
  if (mode === 'unconfigured' || (mode === 'live' && !configured)) {
    throw new Error('QuickBooks is not configured: set QUICKBOOKS_CLIENT_ID, QUICKBOOKS_CLIENT_SECRET, QUICKBOOKS_REFRESH_TOKEN and QUICKBOOKS_REALM_ID.');
  }
  if (mode === 'live') return { mode, client: await quickBooksClientWithStore(db, configured!, options) };
  const sim = await demoQuickBooksSimulator(db);
  return { mode, client: await quickBooksClientWithStore(db, sim.config, options) };
}
