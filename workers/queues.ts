/** The extraction queue and its job options: `createQueues({ connection, prefix })` is the only way kg makes one. */
import { Queue, QueueEvents, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobResult, PaperJob } from './job.js';
import { DEFAULT_KEEP_RESULTS, DEFAULT_PREFIX, EXTRACT_QUEUE } from './names.js';

/** How long finished jobs stay in Redis: long enough for a later `kg run` to reuse results, bounded so memory does not grow forever. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  /** A crash or dropped connection is retried; bad data is not (UnrecoverableError). */
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  /** Results are the cache `kg run` resumes from: kept 7 days, at most 500,000 jobs. */
  removeOnComplete: { age: 7 * 24 * 3600, count: DEFAULT_KEEP_RESULTS },
  removeOnFail: { age: 7 * 24 * 3600, count: 100_000 },
};

/** The extraction queue, typed by its job data and result. */
export type ExtractQueue = Queue<PaperJob, JobResult, string>;

/** Options of {@link createQueues}. */
export interface QueueFactoryOptions {
  connection: Redis;
  /** @defaultValue {@link DEFAULT_PREFIX} */
  prefix?: string;
  /**
   * Completed jobs (cached results) kept: BullMQ trims the oldest beyond this as jobs complete, so Redis memory is
   * bounded across runs. Applies to the jobs this queue adds. @defaultValue {@link DEFAULT_KEEP_RESULTS}
   */
  keepResults?: number;
}

/** The extraction queue on an injected connection. */
export function createQueues(options: QueueFactoryOptions): { extract: ExtractQueue } {
  const extract: ExtractQueue = new Queue<PaperJob, JobResult, string>(EXTRACT_QUEUE, {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    defaultJobOptions:
      options.keepResults === undefined
        ? DEFAULT_JOB_OPTIONS
        : { ...DEFAULT_JOB_OPTIONS, removeOnComplete: { age: 7 * 24 * 3600, count: options.keepResults } },
  });
  return { extract };
}

/** A listener for the queue's completed and failed events (it needs a connection of its own, as it blocks). */
export function createQueueEvents(options: QueueFactoryOptions): QueueEvents {
  return new QueueEvents(EXTRACT_QUEUE, { connection: options.connection, prefix: options.prefix ?? DEFAULT_PREFIX });
}
