/** Queue names and key prefixes: one extraction queue; the prefix keeps runs, users and tests apart on one Redis. */

/** The one BullMQ queue kg uses: a job per paper, extracted by `kg worker` processes. */
export const EXTRACT_QUEUE = 'extract';

/** Key prefix of every BullMQ key kg writes (`kg:extract:…`). */
export const DEFAULT_PREFIX = 'kg';

/** Redis URL tried when neither `--redis` nor `REDIS_URL` says otherwise. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** A prefix is a BullMQ key prefix: letters, digits, `-`, `_`, `.` and inner `:` only, so it cannot collide with a job id. */
export function isValidPrefix(prefix: string): boolean {
  return /^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*$/.test(prefix) && prefix.length <= 100;
}
