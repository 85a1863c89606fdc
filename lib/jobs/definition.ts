import type { Logger } from 'pino';
import type { Db } from '@/db';

// What a job is: one definition per job carries everything the rest of the
// system needs to know about it (its queue name, the prefix of its run ids,
// the label people read, when it runs by itself, how the queue retries it)
// and the work. Nothing else spells these again: jobs/registry.ts lists the
// definitions, the schedules and labels are derived from them, and triggers
// pass the definition itself to queueRun.

export type JobContext = {
  db: Db;
  log: Logger;
  runId: string;
  /** Records progress (0–100); throws when the run was cancelled. */
  progress: (percent: number, message?: string) => Promise<void>;
  /**
   * Puts this run back in the queue until the given runs have ended, instead
   * of waiting for them: whichever of them ends last queues it again.
   */
  waitFor: (runIds: readonly string[], message: string) => never;
};

/** A run that a completed run queues next (chaining by enqueueing, never by polling). */
export type NextRun = { job: JobDefinition; data?: Record<string, unknown> };

export type JobResult = {
  message: string;
  result?: unknown;
  /** Runs to queue now that this one has completed. */
  next?: readonly NextRun[];
};

export type JobDefinition = {
  /** The queue name, and job_runs.job_name. */
  name: string;
  /** Prefix of job_runs ids, as in the original system (ni_, tl_, cv_, …). */
  prefix: string;
  /** What people read for it (pages, lists). */
  label: string;
  description: string;
  /** When it runs by itself: cron, in SCHEDULE_TZ. */
  schedule?: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  /** At most one run at a time across every worker process (pg-boss singleton queue). */
  singleton?: boolean;
  /**
   * How many deliveries a worker takes at once. Deliveries queued without a
   * run record (queueDeliveries) are then run together, as one run whose
   * data is `{ batch: [each delivery's data] }`.
   */
  batchSize?: number;
  /**
   * Jobs to queue after a batch in which a run of this job completed: each
   * once per such batch, exclusive, starting when the batch's other runs
   * have ended, in a batch requested "after <batch_id>". A function, so that
   * definitions may name each other.
   */
  afterBatch?: () => readonly JobDefinition[];
  run: (ctx: JobContext, data: Record<string, unknown>) => Promise<JobResult>;
};

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const PREFIX = /^[a-z0-9]{2,4}$/;

/**
 * The queue settings most jobs share: two retries five minutes apart, and a
 * run that takes more than 15 minutes counts as lost. A definition states
 * only where it differs.
 */
export const JOB_DEFAULTS = { retryLimit: 2, retryDelaySeconds: 300, expireInSeconds: 15 * 60 } as const;

type QueueSettings = keyof typeof JOB_DEFAULTS;

/** A job as written: the queue settings may be left to JOB_DEFAULTS. */
export type JobSpec = Omit<JobDefinition, QueueSettings> & Partial<Pick<JobDefinition, QueueSettings>>;

/** A job definition, checked once where it is written, with JOB_DEFAULTS where it says nothing. */
export function defineJob(spec: JobSpec): JobDefinition {
  if (!NAME.test(spec.name)) throw new Error(`Job name "${spec.name}" must be lower-case words joined by hyphens`);
  if (!PREFIX.test(spec.prefix)) throw new Error(`Run-id prefix "${spec.prefix}" of ${spec.name} must be 2–4 lower-case letters or digits`);
  return {
    ...spec,
    retryLimit: spec.retryLimit ?? JOB_DEFAULTS.retryLimit,
    retryDelaySeconds: spec.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
    expireInSeconds: spec.expireInSeconds ?? JOB_DEFAULTS.expireInSeconds,
  };
}

export class JobCancelledError extends Error {
  constructor() {
    super('Job was cancelled');
    this.name = 'JobCancelledError';
  }
}

/** Thrown by JobContext.waitFor: the run waits for others instead of running now. */
export class RunWaitsError extends Error {
  constructor(
    readonly runIds: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'RunWaitsError';
  }
}
