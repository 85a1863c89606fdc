// What code outside the Drupal slice may use.

// Jobs
export { applyReportsJob, digestDailyJob, digestWeeklyJob, notifyJob, releaseSyncJob } from './jobs';
