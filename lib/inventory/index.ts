// What code outside the inventory slice may use.

// Jobs
export { batchCallbackJob, crossVendorJob, INVENTORY_JOBS, ninjaCollectorJob, threatLockerCollectorJob } from './jobs';
export { windows11AssessmentJob } from './windows11-jobs';
