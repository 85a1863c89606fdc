import type { Db } from '@/db';
import { hasAssessments } from '@/db/queries/inventory/windows11';
import { isDemoActive } from '@/lib/demo/seed';
import { logger } from '@/lib/core/logger';
import { queueWindows11Assessment } from '../windows11-trigger';

// Demo mode: queue one assessment at start while none exists, so that the
// readiness pages have data on the first visit. The job waits for the demo's
// collectors to finish before it reads the snapshot.

export async function queueWindows11Demo(db: Db): Promise<void> {
  try {
    if (!(await isDemoActive(db))) return;
    if (await hasAssessments(db)) return;
    const queued = await queueWindows11Assessment(db, 'demo');
    logger.info({ batch_id: queued.batch_id }, 'demo Windows 11 assessment queued');
  } catch (error) {
    // The demo must never keep the product from starting.
    logger.warn({ err: error }, 'Windows 11 demo assessment was not queued');
  }
}
