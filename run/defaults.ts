/**
 * Defaults of `kg run`'s options, one definition each: runPipeline falls back to them and the CLI's help shows them.
 * A default that a lower stage owns (the seed: graph/; concurrency, prefix, kept results: workers/) is taken from it.
 */
import os from 'node:os';
import { DEFAULT_SEED } from '../graph/defaults.js';
import { DEFAULT_CONCURRENCY, DEFAULT_KEEP_RESULTS, DEFAULT_PREFIX } from '../workers/names.js';

/** Defaults of {@link RunOptions} (run/pipeline.ts). */
export const DEFAULT_RUN_OPTIONS = {
  /** What `kg run` reads when given nothing: the seed papers shipped with kg. */
  sources: ['seeds'] as readonly string[],
  /** The snapshot folder. */
  out: 'data',
  /** Seed of community detection and layout. */
  seed: DEFAULT_SEED,
  /** Local worker processes on the queue: one per core. */
  workers: os.availableParallelism(),
  /** Jobs in flight per worker process: `kg worker`'s own default. */
  concurrency: DEFAULT_CONCURRENCY,
  /** Queue key prefix in Redis. */
  prefix: DEFAULT_PREFIX,
  /** Seconds to wait for Redis to come back mid-run: long enough for a Redis restart or a failover. */
  redisWait: 60,
  /** Finished jobs kept in Redis for later runs to reuse. */
  keepResults: DEFAULT_KEEP_RESULTS,
} as const;
