// What code outside the admin slice may use.

// Jobs
export { purgeDeletedJob } from './jobs';
