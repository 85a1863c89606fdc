// Names and run-id prefixes of the QBR jobs (job_runs ids: cw_…, qb_…, qm_…),
// and when they run by themselves.
export const QBR_JOBS = {
  connectwise: { name: 'connectwise-collector', prefix: 'cw' },
  quickbooks: { name: 'quickbooks-collector', prefix: 'qb' },
  metrics: { name: 'qbr-metrics', prefix: 'qm' },
} as const;

/** Nightly, after business hours (SCHEDULE_TZ): the two collectors, then the metrics job, which adds the day's inventory endpoint counts. */
export const QBR_SCHEDULE = [
  { name: QBR_JOBS.connectwise.name, cron: '15 22 * * *' },
  { name: QBR_JOBS.quickbooks.name, cron: '30 22 * * *' },
  { name: QBR_JOBS.metrics.name, cron: '0 23 * * *' },
] as const;
