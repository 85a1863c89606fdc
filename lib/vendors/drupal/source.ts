import type { Db } from '@/db';
import { env } from '@/lib/core/env';
import { sharedSimulator, sourceModeFor, type SourceMode } from '@/lib/vendors/source';

// drupal.org's release-history service as a source, like the vendors'.
// Where release data comes from: DRUPAL_RELEASE_HISTORY_URL when set; in demo
// mode otherwise the built-in simulator on loopback; else drupal.org.

export async function releaseHistorySource(db: Db): Promise<{ url: string; mode: SourceMode }> {
  const e = env();
  const mode = await sourceModeFor(db, e.drupalReleaseHistoryConfigured);
  if (mode !== 'simulated') return { url: e.DRUPAL_RELEASE_HISTORY_URL, mode: 'live' };
  const simulator = await sharedSimulator('drupal-release-history', async () => {
    const [{ startReleaseHistorySimulator }, { demoReleaseHistories }] = await Promise.all([
      import('@/lib/simulators/drupal-release-history'),
      import('@/lib/simulators/drupal-demo'),
    ]);
    return startReleaseHistorySimulator(demoReleaseHistories());
  });
  return { url: simulator.url, mode };
}

/** The demo sites' module reports, for demo mode. */
export { demoSiteReports } from '@/lib/simulators/drupal-demo';
