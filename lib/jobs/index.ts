// The job spine: run records, queueRun, chaining. It knows no slice: each
// slice defines its jobs with defineJob, and jobs/registry.ts lists them.

// Defining a job
export { defineJob, JobCancelledError } from './definition';
export type { JobContext, JobDefinition, NextRun } from './definition';

// Queueing and chaining
export { queueBatch, queueDeliveries, queueingTransaction, queueRun } from './queue-run';
export { cancelBatch, finishRun } from './chain';

// Run records
export { refreshBatch } from './runs';
export { listJobRuns } from './history';
export type { JobRunDto } from './history';

// The worker side
export { executeDeliveries, executeJob } from './execute';
export { getBoss, prepareQueue, stopBoss } from './queue';
