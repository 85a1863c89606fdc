// When each job runs by itself (cron syntax, evaluated in SCHEDULE_TZ).
// Each domain keeps its rows in jobs/<domain>/schedule.ts; the collectors
// follow the seed's times.
import { drupalSchedule } from './drupal/schedule';
import { inventorySchedule } from './inventory/schedule';
import { windows11Schedule } from './inventory-windows11/schedule';
import { qbrSchedule } from './qbr/schedule';

export type ScheduleRow = { name: string; cron: string };

const foundationSchedule: ScheduleRow[] = [{ name: 'purge-deleted', cron: '30 4 * * *' }];

export const schedule: ScheduleRow[] = [...foundationSchedule, ...qbrSchedule, ...inventorySchedule, ...windows11Schedule, ...drupalSchedule];
