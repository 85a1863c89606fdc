import { vi, expect } from 'vitest';
import type { Db } from '@/db';
import { buildDemoFleet } from '@/lib/simulators/fleet/demo';
import { createNinjaOneClient, type NinjaOneConfig } from '@/lib/vendors/ninjaone/client';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '@/lib/simulators/ninjaone';
import type { Fleet } from '@/lib/simulators/fleet/types';
import type { SimulatorHandle } from '@/lib/simulators/server';
import { createThreatLockerClient, type ThreatLockerConfig } from '@/lib/vendors/threatlocker/client';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '@/lib/simulators/threatlocker';

// Both vendor simulators over one small fleet, and clients pointed at them,
// for the inventory integration tests.

export interface VendorPair {
  fleet: Fleet;
  ninja: NinjaOneSimulator;
  threatlocker: ThreatLockerSimulator;
  ninjaClient: (overrides?: Partial<NinjaOneConfig>) => ReturnType<typeof createNinjaOneClient>;
  threatlockerClient: (overrides?: Partial<ThreatLockerConfig>) => ReturnType<typeof createThreatLockerClient>;
  close: () => Promise<void>;
}

const retry = { baseDelayMs: 10, maxDelayMs: 50 };

export async function startVendors(size = 120): Promise<VendorPair> {
  const fleet = buildDemoFleet({ size });
  const ninja = await startNinjaOneSimulator({ fleet });
  const threatlocker = await startThreatLockerSimulator({ fleet });
  return {
    fleet,
    ninja,
    threatlocker,
    ninjaClient: (overrides = {}) =>
      createNinjaOneClient({
        baseUrl: ninja.url,
        clientId: ninja.credentials.clientId,
        clientSecret: ninja.credentials.clientSecret,
        pageSize: 25,
        retry,
        ...overrides,
      }),
    threatlockerClient: (overrides = {}) =>
      createThreatLockerClient({
        baseUrl: threatlocker.url,
        apiKey: threatlocker.apiKey,
        organizationId: threatlocker.parentOrganizationId,
        pageSize: 25,
        retry,
        ...overrides,
      }),
    close: async () => {
      await ninja.close();
      await threatlocker.close();
    },
  };
}

/** Clears faults once abandoned (timed-out) requests have finished. */
export async function settle(sim: SimulatorHandle) {
  sim.resetFaults();
  await vi.waitFor(() => expect(sim.requests.inFlight).toBe(0), { timeout: 5000 });
  sim.requests.clear();
}

/** A fingerprint of a vendor's snapshot for a day: ids, keys and every stored value. */
export async function snapshotFingerprint(db: Db, vendorId: number, date: string) {
  const rows = await db
    .selectFrom('device_snapshot')
    .selectAll()
    .where('vendor_id', '=', vendorId)
    .where('snapshot_date', '=', date)
    .orderBy('id')
    .execute();
  return { count: rows.length, rows: JSON.stringify(rows) };
}

/** Our organisations named like the demo clients, as the demo dataset has them. */
export async function seedDemoOrganizations(db: Db) {
  const ids: Record<string, number> = {};
  for (const name of ['Acme Dental', 'Birch & Rowe Legal', 'Cobalt Logistics']) {
    const row = await db
      .insertInto('organizations')
      .values({ name })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    ids[name] = row?.id ?? (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }
  return ids;
}

/** Waits until a batch of job runs has ended, and answers its row. */
export async function waitForBatch(db: Db, batchId: string, timeoutMs = 45_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const batch = await db.selectFrom('job_batches').selectAll().where('batch_id', '=', batchId).executeTakeFirstOrThrow();
    if (!['queued', 'running'].includes(batch.status)) return batch;
    if (Date.now() > until) throw new Error(`batch ${batchId} still ${batch.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
