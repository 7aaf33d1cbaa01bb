/** A `kg worker`: pulls extraction jobs from Redis and runs the processor; closes gracefully on SIGINT/SIGTERM. */
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobResult, PaperJob } from './job.js';
import { DEFAULT_CONCURRENCY, DEFAULT_PREFIX, EXTRACT_QUEUE } from './names.js';
import { createExtractProcessor } from './processor.js';
import type { Extractor } from '../pipeline/extract/index.js';

/** Options of {@link createExtractWorker}. */
export interface ExtractWorkerOptions {
  /** A connection with `maxRetriesPerRequest: null` (see `createRedisConnection(url, { role: 'worker' })`). */
  connection: Redis;
  /** The extractor the jobs run (`createShippedExtractor()` for kg's own). */
  extractor: Extractor;
  /** @defaultValue {@link DEFAULT_PREFIX} */
  prefix?: string;
  /** Jobs in flight at once. @defaultValue {@link DEFAULT_CONCURRENCY} */
  concurrency?: number;
}

/** Defaults of {@link createExtractWorker}. */
export const DEFAULT_WORKER_OPTIONS = {
  concurrency: DEFAULT_CONCURRENCY,
  /** A job that holds its lock this long without renewal (a killed worker) is moved back to wait by another worker. */
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
} as const;

/** A BullMQ worker on the extraction queue. */
export function createExtractWorker(options: ExtractWorkerOptions): Worker<PaperJob, JobResult, string> {
  return new Worker<PaperJob, JobResult, string>(EXTRACT_QUEUE, createExtractProcessor(options.extractor), {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency ?? DEFAULT_WORKER_OPTIONS.concurrency,
    lockDuration: DEFAULT_WORKER_OPTIONS.lockDuration,
    stalledInterval: DEFAULT_WORKER_OPTIONS.stalledInterval,
    maxStalledCount: DEFAULT_WORKER_OPTIONS.maxStalledCount,
  });
}

/** Options of {@link closeOnSignals}. */
export interface CloseOnSignalsOptions {
  /** Called with each signal received (for a log line). */
  onSignal?: (signal: NodeJS.Signals) => void;
  /** True when active jobs cannot finish anyway (Redis is away): the first signal then closes at once, as a second would. */
  forceNow?: () => boolean;
  /** Milliseconds a forced close may take before the worker's connections are dropped. @defaultValue 3000 */
  forceTimeout?: number;
}

/**
 * Closes the worker on the first SIGINT/SIGTERM (active jobs finish, nothing new is taken) and resolves when closed.
 * A second signal forces the close: unfinished jobs stay locked until the stalled check hands them to another worker.
 * A forced close is bounded in time, so a worker whose Redis is gone still stops.
 */
export function closeOnSignals(worker: Worker, options: CloseOnSignalsOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    let closing = false;
    const handler = (signal: NodeJS.Signals): void => {
      options.onSignal?.(signal);
      const force = closing || (options.forceNow?.() ?? false);
      closing = true;
      const closed = worker.close(force);
      const bounded = force ? boundedClose(worker, closed, options.forceTimeout ?? 3000) : closed;
      bounded.then(() => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
        resolve();
      }, reject);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/** Waits for a forced close at most `ms`, then drops the worker's connections without waiting (with Redis away, their own close may never settle). */
async function boundedClose(worker: Worker, closed: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), ms);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) void worker.disconnect().catch(() => undefined);
}
