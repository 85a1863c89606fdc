// Runs once when a server process starts: migrate, ensure the administrator
// and demo data, print the logins, and (embedded database, or
// RUN_JOBS_IN_WEB=1) run the job workers inside this process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ bootstrap, printBanner }, { env }, { logger }, qbr, inventory, drupal] = await Promise.all([
    import('@/lib/demo/bootstrap'),
    import('@/lib/core/env'),
    import('@/lib/core/logger'),
    import('@/lib/qbr'),
    import('@/lib/inventory'),
    import('@/lib/drupal'),
  ]);
  try {
    // Each slice's demo data, in this order.
    const { demo } = await bootstrap([
      qbr.startQbrDemo,
      inventory.seedInventoryDemo,
      inventory.queueWindows11Demo,
      (db) => drupal.seedDrupalDemo(db).catch((error: unknown) => logger.error({ err: error }, 'drupal demo data not seeded')),
    ]);
    const e = env();
    if (e.isEmbedded || e.RUN_JOBS_IN_WEB) {
      const { startJobRuntime } = await import('@/jobs/runtime');
      await startJobRuntime();
    }
    printBanner(demo);
  } catch (error) {
    // The server still starts: /api/health/ready reports what is wrong, and
    // requests answer 503 until the database is reachable.
    logger.error({ err: error }, 'start-up did not complete');
  }
}
