/** Chooses where extraction runs: the Redis queue when one is reachable or asked for, else in-process, and says which. */
import { ServiceError, UsageError } from '../pipeline/core/errors.js';
import { evictionWarning, probeRedis, redactUrl, type RedisInfo } from './connection.js';
import { DEFAULT_REDIS_URL } from './names.js';

/** Where extraction runs. */
export type ExecutionMode =
  { mode: 'inline'; reason: string } | { mode: 'queue'; url: string; info: RedisInfo; warning?: string };

/** Options that decide the mode. */
export interface ModeOptions {
  inline?: boolean;
  /** `--redis URL`. */
  redis?: string;
  /** `REDIS_URL` from the environment. */
  envUrl?: string;
  /** The URL tried when none is given. @defaultValue {@link DEFAULT_REDIS_URL} */
  defaultUrl?: string;
}

/**
 * `--inline` → in-process. An explicit URL (`--redis`, else `REDIS_URL`) must answer or the run fails.
 * Otherwise the local default is tried, and in-process extraction is the fallback.
 */
export async function chooseMode(options: ModeOptions): Promise<ExecutionMode> {
  if (options.inline && options.redis) throw new UsageError('--inline and --redis contradict each other: pick one');
  if (options.inline) return { mode: 'inline', reason: '--inline given' };
  const explicit = options.redis ?? (options.envUrl ? options.envUrl : undefined);
  if (explicit) {
    const from = options.redis ? '--redis' : 'REDIS_URL';
    try {
      const info = await probeRedis(explicit, 3000);
      return { mode: 'queue', url: explicit, info, warning: evictionWarning(info) };
    } catch (error) {
      const cause = error instanceof ServiceError && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new ServiceError(
        `Redis at ${redactUrl(explicit)} (from ${from}) is not reachable${cause}; start it, fix the URL, or run with --inline`,
        {
          code: 'KG_REDIS_UNREACHABLE',
          cause: error,
        },
      );
    }
  }
  const fallback = options.defaultUrl ?? DEFAULT_REDIS_URL;
  try {
    const info = await probeRedis(fallback, 1000);
    return { mode: 'queue', url: fallback, info, warning: evictionWarning(info) };
  } catch {
    return { mode: 'inline', reason: `no Redis at ${redactUrl(fallback)}` };
  }
}
