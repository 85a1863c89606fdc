import { getDatabase } from '@/db';
import { logger } from '@/lib/core/logger';
import { executeJob, stopBoss } from '@/lib/jobs';
import { definitions, jobNamed } from './registry';
import { startJobRuntime } from './runtime';

// npm run jobs              – workers and schedules, until stopped
// npm run jobs -- once NAME – run one job now, print its outcome, exit

async function runOnce(name: string | undefined): Promise<number> {
  const job = name ? jobNamed(name) : undefined;
  if (!job) {
    console.error(`Usage: npm run jobs -- once <job>\nJobs:\n${definitions.map((j) => `  ${j.name.padEnd(24)} ${j.description}`).join('\n')}`);
    return 2;
  }
  const database = await getDatabase();
  try {
    const outcome = await executeJob(database.db, job);
    console.log(`${job.name}: ${outcome.status} – ${outcome.message} (run ${outcome.runId})`);
    return outcome.status === 'completed' ? 0 : 1;
  } catch (error) {
    console.error(`${job.name}: failed – ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    // A completed run may have queued the next ones.
    await stopBoss();
    await database.close();
  }
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command === 'once') process.exit(await runOnce(arg));
  if (command && command !== 'work') {
    console.error('Usage: npm run jobs [-- once <job>]');
    process.exit(2);
  }
  await startJobRuntime();
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'stopping job workers');
    await stopBoss();
    await (await getDatabase()).close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main().catch((error) => {
  logger.fatal({ err: error }, 'job runner failed to start');
  process.exit(1);
});
