// Names and run-id prefixes of the QBR jobs (job_runs ids: cw_…, qb_…, qm_…).
export const QBR_JOBS = {
  connectwise: { name: 'connectwise-collector', prefix: 'cw' },
  quickbooks: { name: 'quickbooks-collector', prefix: 'qb' },
  metrics: { name: 'qbr-metrics', prefix: 'qm' },
} as const;
