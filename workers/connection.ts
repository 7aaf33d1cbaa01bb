/** Redis connections for BullMQ: one factory, a reachability probe, and the checks kg makes of the server. */
import { Redis, type RedisOptions } from 'ioredis';
import { ServiceError } from '../pipeline/core/errors.js';

/** What a connection is used for: BullMQ workers and event listeners block, so they must never give up on a command. */
export type ConnectionRole = 'queue' | 'worker';

/** Options of {@link createRedisConnection}. */
export interface ConnectionOptions {
  /** @defaultValue 'queue' */
  role?: ConnectionRole;
  /** Milliseconds to wait for the first connection. @defaultValue 5000 */
  connectTimeout?: number;
  /**
   * Reconnection attempts a command waits through before it fails (role `queue` only; workers always wait). A small
   * number makes an outage surface at once as a rejected command, for callers that handle it themselves.
   * @defaultValue 20
   */
  maxRetriesPerRequest?: number;
}

/** A new ioredis client for BullMQ. Workers get `maxRetriesPerRequest: null`, as BullMQ requires for blocking commands. */
export function createRedisConnection(url: string, options: ConnectionOptions = {}): Redis {
  const redisOptions: RedisOptions = {
    connectTimeout: options.connectTimeout ?? 5000,
    maxRetriesPerRequest: options.role === 'worker' ? null : (options.maxRetriesPerRequest ?? 20),
    enableAutoPipelining: true,
  };
  return new Redis(url, redisOptions);
}

/** What kg learns from a reachable Redis. */
export interface RedisInfo {
  version: string;
  maxmemoryPolicy: string;
}

// `scheme://user:password@` anywhere in a text; the password runs to the last "@" of the authority (before any "/" or
// space), so one with an unencoded "@" is hidden whole and `http://host:8080/a@b` is left alone.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*):[^\s/]*@/gi;

/**
 * A message with the password of every URL in it (`redis://:pw@host`, `rediss://user:pw@host`, `bolt://neo4j:pw@host`)
 * replaced by `***`. The CLI passes every line it writes to stderr through this, so no message, its cause or a library's
 * error text can show a password, whoever built it.
 */
export function redactCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1:***@');
}

/** Redis URL with the password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Connects once, without retries, and asks for the server's version and eviction policy.
 * Throws a ServiceError (code `KG_REDIS_UNREACHABLE`) when nothing answers within `timeoutMs`.
 */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<RedisInfo> {
  let client: Redis;
  try {
    client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
  } catch (cause) {
    throw new ServiceError(`Redis URL ${redactUrl(url)} is not valid`, {
      code: 'KG_REDIS_URL',
      retriable: false,
      cause,
    });
  }
  client.on('error', () => undefined); // reported through the rejected connect below
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    let maxmemoryPolicy = 'unknown';
    try {
      const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
      maxmemoryPolicy = reply[1] ?? 'unknown';
    } catch {
      // Managed Redis services often forbid CONFIG; the policy then stays unknown.
    }
    return { version, maxmemoryPolicy };
  } catch (cause) {
    throw new ServiceError(`Redis at ${redactUrl(url)} is not reachable`, { code: 'KG_REDIS_UNREACHABLE', cause });
  } finally {
    client.disconnect();
  }
}

/** A warning when Redis may evict BullMQ keys (anything but `noeviction` can silently drop jobs), else undefined. */
export function evictionWarning(info: RedisInfo): string | undefined {
  if (info.maxmemoryPolicy === 'noeviction' || info.maxmemoryPolicy === 'unknown') return undefined;
  return `Redis maxmemory-policy is "${info.maxmemoryPolicy}": it may evict queued jobs under memory pressure; BullMQ needs "noeviction"`;
}

/** True for the errors ioredis and BullMQ raise when the connection to Redis is lost or refused (not for Redis's own replies). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as NodeJS.ErrnoException).code;
  if (
    code &&
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH', 'ECONNABORTED'].includes(code)
  )
    return true;
  return /Connection is closed|Stream isn't writeable|max retries per request|ECONNREFUSED|ECONNRESET|^LOADING /i.test(
    error.message,
  );
}

/** Options of {@link waitForRedis}. */
export interface WaitForRedisOptions {
  /** Milliseconds between probes. @defaultValue 500 */
  every?: number;
  /** Aborts the wait (resolves false). */
  signal?: AbortSignal;
}

/** Probes Redis until it answers (true) or `timeoutMs` has passed (false). Answers at once when Redis is up. */
export async function waitForRedis(
  url: string,
  timeoutMs: number,
  options: WaitForRedisOptions = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probeRedis(url, Math.max(200, Math.min(1500, deadline - Date.now())));
      return true;
    } catch {
      // Not back yet.
    }
    if (options.signal?.aborted || Date.now() >= deadline) return false;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(options.every ?? 500, Math.max(0, deadline - Date.now()))),
    );
  }
}
