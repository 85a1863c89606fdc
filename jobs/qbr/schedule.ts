import type { ScheduleRow } from '../schedule';

// Nightly, after business hours (SCHEDULE_TZ): the two collectors, then the
// metrics job, which adds the day's inventory endpoint counts.
export const qbrSchedule: ScheduleRow[] = [
  { name: 'connectwise-collector', cron: '15 22 * * *' },
  { name: 'quickbooks-collector', cron: '30 22 * * *' },
  { name: 'qbr-metrics', cron: '0 23 * * *' },
];
