import type { Db } from '@/db';
import { isDemoActive } from '@/lib/demo/seed';

// Where a vendor's data comes from. With credentials configured it is the
// vendor itself ("live"). Without them, in demo mode, a built-in simulator on
// loopback stands in ("simulated", and /api/status says so). Otherwise the
// vendor is "unconfigured" and its collector fails with a clear message.

export type SourceMode = 'live' | 'simulated' | 'unconfigured';

/** A vendor client, and whether it talks to the vendor or to its simulator. */
export type VendorSource<C> = { mode: Exclude<SourceMode, 'unconfigured'>; client: C };

/** Retries for a client of a local simulator: it answers at once, so waiting long helps nothing. */
export const SIMULATOR_RETRY = { baseDelayMs: 50, maxDelayMs: 1000 } as const;

export async function sourceModeFor(db: Db, hasCredentials: boolean): Promise<SourceMode> {
  if (hasCredentials) return 'live';
  return (await isDemoActive(db)) ? 'simulated' : 'unconfigured';
}

type Closable = { close: () => Promise<void> | void };
const store = globalThis as unknown as { __mspSimulators?: Map<string, Promise<Closable>> };

/**
 * One simulator per vendor per process, started on first use and kept for
 * the life of the process (it holds state, such as renamed computers).
 */
export function sharedSimulator<T extends Closable>(name: string, start: () => Promise<T>): Promise<T> {
  store.__mspSimulators ??= new Map();
  let running = store.__mspSimulators.get(name) as Promise<T> | undefined;
  if (!running) {
    running = start();
    store.__mspSimulators.set(name, running);
    running.catch(() => store.__mspSimulators?.delete(name));
  }
  return running;
}

/** Stops every simulator of this process (tests, shutdown). */
export async function stopSimulators(): Promise<void> {
  const all = [...(store.__mspSimulators?.values() ?? [])];
  store.__mspSimulators?.clear();
  await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close()));
}
