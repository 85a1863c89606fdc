// When each job runs by itself (cron syntax, evaluated in SCHEDULE_TZ).
// Domains add their rows here; the collectors follow the seed's times.
export type ScheduleRow = { name: string; cron: string };

export const schedule: ScheduleRow[] = [{ name: 'purge-deleted', cron: '30 4 * * *' }];
