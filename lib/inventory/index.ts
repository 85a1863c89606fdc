// What code outside the inventory slice may use: the pages and route files,
// the admin start-up, and (later) jobs. Everything else is the slice's inside.

// The two vendors, request shapes and the rules the pages name.
export { VENDORS, inventoryDate, isIsoDate } from './vendors';
export { EXCEPTION_TYPES } from './model/variance';
export { getHostnameKey } from './model/hostname';
export { dateParams, exceptionType, flag, isoDate } from './http-schemas';
export { exceptionListSearch, PAGE_SIZES, parseExceptionListParams, STATUS_FILTERS } from './export-filters';

// Status, freshness and the variance reports.
export { inventoryStatus } from './status';
export { availableDates, filteredVarianceReport, historicalVariances, latestCheck, varianceReport, varianceTrends } from './reports';
export { exceptionListExport, varianceExport, varianceExportQuery } from './export-variances';

// Exceptions: the work list and people's actions on it.
export { exceptionPage, listExceptionWorkPage, openExceptionsByClient } from './work-list';
export {
  actionBodySchema,
  bulkBodySchema,
  bulkUpdateExceptions,
  byHostnameBodySchema,
  exceptionStatusSummary,
  getException,
  listExceptions,
  markExceptionManuallyFixed,
  markFixedByHostname,
  resolveException,
  VARIANCE_STATUSES,
} from './exceptions';

// Devices, clients and ThreatLocker actions.
export { searchDevices } from './device-search';
export { monthEndCounts, organizationDevices, visibleOrganization, visibleOrganizations } from './organizations';
export { syncBodySchema, syncThreatLockerDevice, updateNameBodySchema, updateThreatLockerName } from './threatlocker-actions';

// Vendor organisations and their mapping to ours.
export {
  confirmVendorOrganizationProposal,
  createOrganizationsForUnmatched,
  listVendorOrganizations,
  mappingChoices,
  previewOrganizationsForUnmatched,
  setVendorOrganizationMapping,
  syncVendorOrganizationsFor,
} from './vendor-organizations';

// Collectors: triggers, runs and progress, over a catalogue of collectors
// (the inventory's, and with lib/collectors those of the slices reported alongside).
export { cancelCollectorBatch, optionalBody, respondToTrigger, waitQuerySchema } from './control';
export type { TriggerInput, WaitQuery } from './control';
export { collectorHistory, collectorProgress, collectorStatus, jobHealth } from './collector-status';
export { batchCallbackJob, crossVendorJob, INVENTORY_COLLECTORS, INVENTORY_JOBS, ninjaCollectorJob, threatLockerCollectorJob } from './jobs';
export type { Collector, CollectorCatalogue } from './jobs';
export { streamBatchProgress } from './progress-stream';

// What the client QBR reports of an organisation (read without a caller).
export { inventoryPosture, monthlyEndpointCounts } from './posture';
export type { MonthlyEndpointCount } from './posture';

// Windows 11 24H2 readiness.
export { windows11ByOrganization, windows11Compatible, windows11NotReady, windows11Status } from './windows11/assessment';
export { readinessListQuery, readinessStatusQuery } from './windows11/http-schemas';
export { readinessExportQuery, windows11Export } from './windows11/export';
export { triggerWindows11Assessment } from './windows11-trigger';
export { windows11AssessmentJob } from './windows11-jobs';

// Demo mode, at start-up.
export { seedInventoryDemo } from './demo';
export { queueWindows11Demo } from './windows11/demo';
