import { describe, expect, it } from 'vitest';
import { createNinjaOneClient } from '@/lib/vendors/ninjaone/client';
import { startNinjaOneSimulator } from './ninjaone';
import { createThreatLockerClient } from '@/lib/vendors/threatlocker/client';
import { startThreatLockerSimulator } from './threatlocker';
import { generateFleet } from './fleet/generate';

// Both simulators serve one shared fleet; a large one must page through in
// seconds so that benchmarks measure our code, not the fake vendor.
describe('simulators at scale', () => {
  it('serve a shared 10,000-device fleet to the real clients', { timeout: 120_000 }, async () => {
    const fleet = generateFleet({ size: 10_000 });
    const ninja = await startNinjaOneSimulator({ fleet });
    const threatLocker = await startThreatLockerSimulator({ fleet });
    try {
      const started = performance.now();
      const [devices, computers] = await Promise.all([
        createNinjaOneClient({ baseUrl: ninja.url, clientId: ninja.credentials.clientId, clientSecret: ninja.credentials.clientSecret }).listDevices(),
        createThreatLockerClient({ baseUrl: threatLocker.url, apiKey: threatLocker.apiKey, organizationId: threatLocker.parentOrganizationId }).listComputers(),
      ]);
      const elapsed = performance.now() - started;

      expect(devices).toHaveLength(10_000);
      expect(computers.computers).toHaveLength(10_000);
      expect(computers.pagesFetched).toBe(20);
      expect(ninja.requests.matching('/v2/devices-detailed')).toHaveLength(21); // 20 full pages of 500, then an empty one
      // About 1 s on an idle machine; generous for shared runners.
      expect(elapsed).toBeLessThan(60_000);
    } finally {
      await Promise.all([ninja.close(), threatLocker.close()]);
    }
  });
});
