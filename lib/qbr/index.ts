// What code outside the QBR slice may use (pages, route files, the job
// registry and schedules, start-up, other slices). Types for components are
// in dto.ts.

// Reads and writes for the pages and the API
export { getQbrDashboard, getSmartNumbers } from './scorecard';
export { getClientReport } from './client-report';
export { enterManualMetrics, getMonthlyMetrics, getQuarterlyMetrics, listPeriodsFor } from './metrics';
export { listThresholdsFor, saveThresholdFor } from './thresholds';
export { getQbrConfig, updateQbrConfig } from './config';
export { getQbrSettings } from './settings';
export { getQbrStatus, qbrFreshness } from './freshness';
export { requestQbrRefresh, refreshBodySchema } from './refresh';

// What the API accepts
export { manualMetricsSchema, metricsQuerySchema, periodsQuerySchema, qbrConfigSchema, quarterlyQuerySchema, smartnumbersQuerySchema, thresholdBodySchema, thresholdsQuerySchema } from './schemas';

// Search parameters of the pages
export { orNotFound, periodOptions, qbrPageParams } from './page-params';

// Jobs and the demo start-up
export { connectWiseCollectorJob, QBR_COLLECTORS, qbrMetricsJob, quickBooksCollectorJob } from './jobs';
export { startQbrDemo } from './demo';
