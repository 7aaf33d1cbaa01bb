/** Test helpers for the real Redis: a reachable URL or a clear failure (never a skip), unique prefixes, cleanup. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { vi } from 'vitest';

/** The Redis integration tests use: REDIS_URL or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fails (in CI and locally alike) with instructions when Redis does not answer. */
export async function requireRedis(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `Redis is required for the integration tests and is not reachable at ${TEST_REDIS_URL} (${(error as Error).message}). ` +
        'Start it (npm test starts redis-server when none answers and REDIS_URL is unset) or set REDIS_URL.',
      { cause: error },
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

/** A redis-server of the test's own, on a free port, for tests that stop Redis or change its settings (never the shared one). */
export interface PrivateRedis {
  port: number;
  url: string;
  dir: string;
  /** Starts (or restarts) the server on the same port and folder; resolves when it answers PING. */
  start(): Promise<void>;
  /** SHUTDOWN (append-only file flushed), then waits for the process to end. */
  shutdown(): Promise<void>;
  /** SIGKILL the server now. */
  kill(): Promise<void>;
  /** Everything stopped and the folder removed (for afterAll). */
  dispose(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Creates (does not start) a private append-only redis-server; `extraArgs` such as `['--maxmemory-policy', 'allkeys-lru']`. */
export async function privateRedis(extraArgs: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const exited = (): Promise<void> =>
    new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  const ping = async (): Promise<boolean> => {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 500,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const self: PrivateRedis = {
    port,
    url,
    dir,
    async start() {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--appendonly',
          'yes',
          '--dir',
          dir,
          '--save',
          '',
          '--logfile',
          path.join(dir, 'redis.log'),
          ...extraArgs,
        ],
        { stdio: 'ignore' },
      );
      const started = child;
      await vi.waitFor(
        async () => {
          if (started.exitCode !== null)
            throw new Error(`redis-server on port ${port} exited with ${started.exitCode} (see ${dir}/redis.log)`);
          // A restarted server answers LOADING while it replays the append-only file; PING says PONG only after.
          if (!(await ping()))
            throw new Error(`redis-server on port ${port} did not answer PING within 10 s (see ${dir}/redis.log)`);
        },
        { timeout: 10_000, interval: 100 },
      );
    },
    async shutdown() {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.call('SHUTDOWN').catch(() => undefined); // the connection closes under the reply
      } catch {
        // Already down.
      } finally {
        client.disconnect();
      }
      // Not a wait for a state: a bound on waiting for the exit event, after which kill() or the next start() takes over.
      await Promise.race([exited(), new Promise((r) => setTimeout(r, 10_000))]);
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async dispose() {
      await self.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
