// What code outside the QBR slice may use.

// Jobs
export { connectWiseCollectorJob, qbrMetricsJob, quickBooksCollectorJob } from './jobs';
