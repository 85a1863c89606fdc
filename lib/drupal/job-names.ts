// Queue names of the Drupal jobs, in one place so that services can queue
// work without importing the job definitions (and through them, everything).
export const DRUPAL_JOBS = {
  applyReports: 'drupal-apply-reports',
  releaseSync: 'drupal-release-sync',
  notify: 'drupal-notify',
  digestDaily: 'drupal-digest-daily',
  digestWeekly: 'drupal-digest-weekly',
} as const;
