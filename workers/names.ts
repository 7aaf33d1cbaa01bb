/**
 * Queue names, key prefixes and the queue's defaults: one extraction queue; the prefix keeps runs, users and tests apart
 * on one Redis. Constants only, so the CLI's help (run/defaults.ts) reads them without loading BullMQ.
 */

/** The one BullMQ queue kg uses: a job per paper, extracted by `kg worker` processes. */
export const EXTRACT_QUEUE = 'extract';

/** Key prefix of every BullMQ key kg writes (`kg:extract:…`). */
export const DEFAULT_PREFIX = 'kg';

/** Redis URL tried when neither `--redis` nor `REDIS_URL` says otherwise. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Finished jobs kept in Redis by default (`kg run --keep-results`): the newest are kept, older ones trimmed as jobs complete. */
export const DEFAULT_KEEP_RESULTS = 500_000;

/**
 * Jobs in flight at once in one worker process (`kg worker --concurrency`, and `kg run`'s local workers). Extraction is
 * CPU-bound and synchronous, so more than a few only hides Redis latency; run more processes to use more cores.
 */
export const DEFAULT_CONCURRENCY = 4;

/** A prefix is a BullMQ key prefix: letters, digits, `-`, `_`, `.` and inner `:` only, so it cannot collide with a job id. */
export function isValidPrefix(prefix: string): boolean {
  return /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/.test(prefix) && prefix.length <= 100;
}
