// When the inventory jobs run by themselves (cron, in SCHEDULE_TZ): the seed's
// times. The checks run after both collectors have had time to finish.
export const INVENTORY_SCHEDULE = [
  { name: 'ninja-collector', cron: '10 2 * * *' },
  { name: 'threatlocker-collector', cron: '31 2 * * *' },
  { name: 'cross-vendor', cron: '0 3 * * *' },
] as const;
