/** Test helpers for the real Redis: a reachable URL or a clear failure (never a skip), unique prefixes, cleanup. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis integration tests use: REDIS_URL or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fails (in CI and locally alike) with instructions when Redis does not answer. */
export async function requireRedis(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is required for the integration tests and is not reachable at ${TEST_REDIS_URL} (${(error as Error).message}). ` +
        'Start it (redis-server --daemonize yes, or bash .ci/run) or set REDIS_URL.',
    );
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other test or run uses. */
export function uniquePrefix(label: string): string {
  return `kgtest-${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a prefix (SCAN, never KEYS). */
export async function deletePrefix(prefix: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}
