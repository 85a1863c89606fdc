import type { ScheduleRow } from '@/jobs/schedule';
import { DRUPAL_JOBS } from '@/lib/drupal';

// Release data: hourly, fetching only what is due (new projects, failed ones
// after their backoff, and every project once a day). Reports left pending
// (a lost delivery) are swept every 15 minutes. Security mail goes out as
// findings appear, with an hourly catch-up; digests in the morning.
export const drupalSchedule: ScheduleRow[] = [
  { name: DRUPAL_JOBS.releaseSync, cron: '7 * * * *' },
  { name: DRUPAL_JOBS.applyReports, cron: '*/15 * * * *' },
  { name: DRUPAL_JOBS.notify, cron: '20 * * * *' },
  { name: DRUPAL_JOBS.digestDaily, cron: '0 7 * * *' },
  { name: DRUPAL_JOBS.digestWeekly, cron: '0 7 * * 1' },
];
