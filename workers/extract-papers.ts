/**
 * The extraction of one `kg run`: in-process (threads) or on the Redis queue, with local `kg worker` processes if
 * asked, surviving Redis outages; every paper's result or failure, collected. What it says goes through hooks.
 */
import { ServiceError } from '../pipeline/core/errors.js';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';
import { createRedisConnection, isConnectionError, redactUrl, waitForRedis } from './connection.js';
import { extractInline } from './inline.js';
import { chooseMode } from './mode.js';
import { startWorkerPool } from './pool.js';
import { extractWithQueue, newQueueRunState, type FailedPaper, type QueueExtractionResult } from './producer.js';
import { threadsFor } from './threads.js';

/** A progress display for one long step, as the caller shows it (kg run: a bar on stderr). */
export interface ProgressDisplay {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

/** What a step asks of a progress display. */
export interface ProgressRequest {
  label: string;
  total: number;
  /** Extra text after the counts, a cli-progress format fragment such as `{cached} cached`. */
  suffix?: string;
  /** Starting values of the suffix's fields (`{ cached: 0 }`). */
  initial?: Record<string, string | number>;
}

/** What extraction reports to its caller, who decides how to show it. */
export interface ExtractionHooks {
  /** One line of diagnostics (kg run writes it to stderr). */
  note(message: string): void;
  /** A progress display for a long step. @defaultValue one that shows nothing */
  progress?(request: ProgressRequest): ProgressDisplay;
}

/** Options of {@link extractPapers}: where extraction runs, and the queue's settings. */
export interface ExtractPapersOptions {
  /** Extract in this process, without Redis. */
  inline?: boolean;
  /** The Redis URL asked for (`--redis`): it must answer. */
  redis?: string;
  /** `REDIS_URL` from the environment: it must answer too, when given. */
  envUrl?: string;
  /** Local `kg worker` processes to start (0: rely on workers started elsewhere). */
  workers: number;
  /** Jobs in flight per local worker process. */
  concurrency: number;
  /** Queue key prefix in Redis. */
  prefix: string;
  /** Seconds to wait for Redis to come back when it goes away mid-run. */
  redisWait: number;
  /** Finished jobs (cached results) kept in Redis. */
  keepResults: number;
  /** The `kg` script local workers run; needed when `workers` > 0. */
  workerEntry?: string;
}

/** Every paper's extraction result, by paper id, and the papers that failed. */
export interface ExtractedPapers {
  results: Map<string, ExtractionResult>;
  failed: FailedPaper[];
}

const NO_PROGRESS: ProgressDisplay = { update: () => undefined, stop: () => undefined };

/**
 * Extracts every paper where {@link chooseMode} says: in-process on this machine's cores, or on the Redis queue (with
 * `workers` local worker processes). A paper that fails is in `failed`, never thrown; Redis that does not come back
 * within `redisWait` seconds is a ServiceError (`KG_REDIS_LOST`).
 */
export async function extractPapers(
  papers: Paper[],
  options: ExtractPapersOptions,
  hooks: ExtractionHooks,
): Promise<ExtractedPapers> {
  const { note } = hooks;
  const progress = (request: ProgressRequest): ProgressDisplay => hooks.progress?.(request) ?? NO_PROGRESS;
  const mode = await chooseMode({ inline: options.inline, redis: options.redis, envUrl: options.envUrl });
  if (mode.mode === 'inline') {
    const threads = threadsFor(papers.length);
    note(
      `extract: ${mode.reason}; extracting in-process on ${threads} thread(s) (start Redis or pass --redis URL to use workers)`,
    );
    const bar = progress({ label: 'extract', total: papers.length });
    try {
      return await extractInline(papers, (done) => bar.update(done), threads);
    } finally {
      bar.stop();
    }
  }
  if (mode.warning) note(`kg: warning: ${mode.warning}`);
  note(
    `extract: queue ${options.prefix}:extract on Redis ${mode.info.version} at ${redactUrl(mode.url)}, ${options.workers} local worker(s)`,
  );
  if (options.workers > 0 && !options.workerEntry)
    throw new TypeError('extractPapers: workerEntry (the kg script) is needed to start local workers');
  const pool =
    options.workers > 0
      ? startWorkerPool({
          entry: options.workerEntry!,
          count: options.workers,
          redisUrl: mode.url,
          prefix: options.prefix,
          concurrency: options.concurrency,
          note,
        })
      : undefined;
  const bar = progress({ label: 'extract', total: papers.length, suffix: '{cached} cached', initial: { cached: 0 } });
  let redisUp = true;
  try {
    const out = await extractSurvivingOutages(papers, mode.url, options, {
      note,
      onProgress: (p) => bar.update(p.done, { cached: p.cached }),
      onRedis: (up) => (redisUp = up),
      localWorkers: () => pool?.pids().length ?? 0,
    });
    bar.stop();
    note(
      `extract: ${out.extracted} extracted by workers, ${out.cached} reused from Redis, ${out.failed.length} failed`,
    );
    return out;
  } finally {
    bar.stop();
    // Workers cannot finish their jobs cleanly while Redis is away: do not wait long for them.
    await pool?.stop(redisUp ? undefined : 2000);
  }
}

/**
 * Queue extraction that outlives Redis outages: when Redis goes away, waits up to `redisWait` seconds for it to come
 * back and resumes (results collected so far are kept; jobs Redis persisted are not redone). Throws a ServiceError
 * (`KG_REDIS_LOST`) when it does not come back in time.
 */
async function extractSurvivingOutages(
  papers: Paper[],
  url: string,
  options: ExtractPapersOptions,
  on: OutageHooks,
): Promise<QueueExtractionResult> {
  const { note, onProgress, onRedis } = on;
  const state = newQueueRunState();
  let warned = false;
  let fruitless = 0;
  for (;;) {
    // The queue's commands fail fast (one reconnection attempt), so an outage surfaces here at once instead of after ~10 s.
    const connection = createRedisConnection(url, { maxRetriesPerRequest: 1 });
    const eventsConnection = createRedisConnection(url, { role: 'worker' });
    connection.on('error', () => undefined);
    eventsConnection.on('error', () => undefined);
    const before = state.results.size + state.failed.size;
    try {
      return await extractWithQueue(papers, {
        connection,
        eventsConnection,
        prefix: options.prefix,
        keepResults: options.keepResults,
        state,
        onProgress,
        onIdle: ({ pending, workers }) => {
          // Local workers still starting (loading the extractor) are not connected yet: the hint is for when none is alive.
          if (workers === 0 && !warned && on.localWorkers() === 0) {
            warned = true;
            note(
              `kg: ${pending} paper(s) waiting and no worker is connected: start one with "kg worker --prefix ${options.prefix}"`,
            );
          }
        },
      });
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      onRedis(false);
      fruitless = state.results.size + state.failed.size > before ? 0 : fruitless + 1;
      const where = redactUrl(url);
      const done = state.results.size + state.failed.size;
      note(
        `kg: Redis at ${where} unreachable; waiting up to ${options.redisWait} s for it to come back (--redis-wait)`,
      );
      const back = fruitless <= MAX_FRUITLESS_ATTEMPTS && (await waitForRedis(url, options.redisWait * 1000));
      if (!back) {
        throw new ServiceError(
          `Redis at ${where} did not come back within ${options.redisWait} s (--redis-wait); ${done} of ${papers.length} paper(s) were done. ` +
            'Run "kg run" again with the same sources to resume: results Redis kept are not extracted again',
          { code: 'KG_REDIS_LOST', retriable: true },
        );
      }
      onRedis(true);
      note(`kg: Redis at ${where} is back; resuming (${done} of ${papers.length} paper(s) already done)`);
    } finally {
      connection.disconnect();
      eventsConnection.disconnect();
    }
  }
}

/** What {@link extractSurvivingOutages} reports to and asks of its caller. */
interface OutageHooks {
  note: (message: string) => void;
  onProgress: (p: { done: number; cached: number }) => void;
  onRedis: (up: boolean) => void;
  /** Local worker processes alive (started by this run, or restarted); 0 without local workers. */
  localWorkers: () => number;
}

/** Outages in a row, with no result collected in between, after which the run gives up even though Redis answers probes. */
const MAX_FRUITLESS_ATTEMPTS = 10;
