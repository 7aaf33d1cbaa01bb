/**
 * Defaults of kg's command-line options, one definition each: the CLI's help shows these values, runPipeline and the
 * benchmarks fall back to them. A default a lower stage owns is taken from it (the seed and the snapshot folder from
 * graph/, the queue's from workers/, the explorer's from viz/); each of those modules holds constants only, so a
 * command's help loads no extractor, queue or server.
 */
import os from 'node:os';
import { DEFAULT_SEED, DEFAULT_SNAPSHOT_DIR } from '../graph/defaults.js';
import { DEFAULT_VIZ_HOST, DEFAULT_VIZ_LIMIT, DEFAULT_VIZ_PORT } from '../viz/defaults.js';
import { DEFAULT_CONCURRENCY, DEFAULT_KEEP_RESULTS, DEFAULT_PREFIX, DEFAULT_REDIS_URL } from '../workers/names.js';

export { DEFAULT_SNAPSHOT_DIR, DEFAULT_REDIS_URL };

/** Defaults of `kg run` (RunOptions of run/pipeline.ts). */
export const DEFAULT_RUN_OPTIONS = {
  /** What `kg run` reads when given nothing: the seed papers shipped with kg. */
  sources: ['seeds'] as readonly string[],
  /** The snapshot folder. */
  out: DEFAULT_SNAPSHOT_DIR,
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

/** Defaults of `kg worker`. */
export const DEFAULT_WORKER_COMMAND_OPTIONS = {
  /** Redis URL when neither `--redis` nor `REDIS_URL` is given. */
  redis: DEFAULT_REDIS_URL,
  prefix: DEFAULT_PREFIX,
  concurrency: DEFAULT_CONCURRENCY,
} as const;

/** Defaults of `kg serve`. */
export const DEFAULT_SERVE_OPTIONS = {
  graph: DEFAULT_SNAPSHOT_DIR,
  port: DEFAULT_VIZ_PORT,
  host: DEFAULT_VIZ_HOST,
  limit: DEFAULT_VIZ_LIMIT,
} as const;

/** Defaults of `kg services up` and `kg services status`. */
export const DEFAULT_SERVICES_OPTIONS = {
  /** Bolt port of the local Neo4j. */
  port: 7687,
  /** Java heap of the local Neo4j (`-Xms` and `-Xmx`): the mirror's 20,000-row transactions spend a third of their time in GC at 1 GB. */
  heap: '2g',
  /** Seconds to wait for Neo4j to answer. */
  timeout: 180,
} as const;

/** Defaults of `kg extract`. */
export const DEFAULT_EXTRACT_OPTIONS = {
  /** An input file this large or larger is extracted on all cores, a smaller one on one thread (starting threads costs more). */
  threadsFromBytes: 1_000_000,
} as const;

/** Defaults of `npm run bench` / `kg bench`. */
export const DEFAULT_BENCH_OPTIONS = {
  /** `kg worker` processes of the queued runs: as many as `kg run` starts. */
  workers: DEFAULT_RUN_OPTIONS.workers,
} as const;
