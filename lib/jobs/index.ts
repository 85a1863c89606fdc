// The job spine: run records, queueRun, chaining. It knows no slice: each
// slice defines its jobs with defineJob, and jobs/registry.ts lists them.

// Defining a job
export { defineJob, JobCancelledError } from './definition';
export type { JobContext, JobDefinition, JobResult, NextRun } from './definition';

// Queueing and chaining
export { batchPlan, queueBatch, queueingTransaction, queueRun } from './queue-run';
export type { BatchPlan, BatchStep, QueuedRun, QueueRunOptions } from './queue-run';
export { cancelBatch, finishRun } from './chain';

// Run records
export { refreshBatch } from './runs';
export type { BatchInput, JobRunRow } from './runs';
export { listJobRuns } from './history';
export type { JobRunDto } from './history';

// The worker side
export { executeJob } from './execute';
export { getBoss, prepareQueue, stopBoss } from './queue';
