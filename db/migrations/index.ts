import type { Migration } from 'kysely/migration';
import * as foundation from './20261122000000_foundation';
import * as drupal from './20261122114500_drupal';
import * as qbr from './20261122115000_qbr';
import * as inventory from './20261122120000_inventory';
import * as windows11 from './20261122130000_windows11';
import * as jobBatchRuns from './20261207120000_job_batch_runs';
import * as jobRunWaits from './20261207130000_job_run_waits';
import * as dataRevisions from './20261208100000_data_revisions';
import * as drupalApplyRequests from './20261208124500_drupal_apply_requests';

// Every migration file, by name. A static list (not a folder scan) so that the
// bundled server and the jobs process run exactly the same set; a test checks
// that no file in this folder is missing here.
export const migrations: Record<string, Migration> = {
  '20261122000000_foundation': foundation,
  '20261122114500_drupal': drupal,
  '20261122115000_qbr': qbr,
  '20261122120000_inventory': inventory,
  '20261122130000_windows11': windows11,
  '20261207120000_job_batch_runs': jobBatchRuns,
  '20261207130000_job_run_waits': jobRunWaits,
  '20261208100000_data_revisions': dataRevisions,
  '20261208124500_drupal_apply_requests': drupalApplyRequests,
};
