import type { Db } from '@/db';
import { organizationIdsNamed } from '@/db/queries/inventory/organizations';
import { latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import { confirmProposalsFor } from '@/db/queries/inventory/vendor-organizations';
import { readSetting, writeSetting } from '@/db/queries/settings';
import { DEMO_CLIENTS, isDemoActive } from '@/lib/demo/seed';
import { env } from '@/lib/core/env';
import { logger } from '@/lib/core/logger';
import { queueCollectorRuns } from './control';
import { INVENTORY_COLLECTORS } from './jobs';
import { syncVendorOrganizations } from './vendor-organizations';
import { inventoryDate, VENDORS } from './vendors';

// Demo mode for the inventory: the simulated vendors' organisations are
// mapped to the demo clients (proposed from the names, confirmed once, so a
// superuser's later changes stand), and a collector sequence is queued when
// today has no data yet, so the dashboards have something on the first visit.

const SETTING = 'inventory_demo';

export async function seedInventoryDemo(db: Db): Promise<void> {
  if (!(await isDemoActive(db))) return;
  try {
    if (!(await readSetting(db, SETTING))) {
      await syncVendorOrganizations(db);
      const confirmed = await confirmProposalsFor(db, await organizationIdsNamed(db, DEMO_CLIENTS), 'demo');
      await writeSetting(db, SETTING, { mapped_at: new Date().toISOString(), confirmed });
      logger.info({ confirmed }, 'demo vendor organisations mapped');
    }
    const today = inventoryDate(new Date(), env().SCHEDULE_TZ);
    if ((await latestSnapshotDate(db, VENDORS.ninja.id)) !== today) {
      const queued = await queueCollectorRuns(db, INVENTORY_COLLECTORS, { collectors: ['ninja', 'threatlocker'], priority: 'normal', runCrossVendor: true }, 'demo');
      logger.info({ batch_id: queued.batch_id }, 'demo collector sequence queued');
    }
  } catch (error) {
    // The demo must never keep the product from starting; /api/status shows what is missing.
    logger.warn({ err: error }, 'inventory demo set-up did not complete');
  }
}
