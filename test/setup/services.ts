/**
 * Global setup of the integration tests: Redis on 127.0.0.1:6379 (started, and stopped afterwards, when none answers and
 * REDIS_URL is not set), Debian's Chromium for the browser tests, and where the gold sets are. A service that cannot be
 * prepared stops the run here with the command that fixes it; the tests themselves never skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisUp } from '../../cli/util/services.js';
import { ensureCommand, findEvalData, hasCommand } from './system.js';

export default async function setup(): Promise<() => Promise<void>> {
  let startedRedis = false;
  if (!process.env.REDIS_URL) {
    const state = await redisUp(
      hasCommand('redis-server') ? undefined : () => ensureCommand('redis-server', ['redis-server'], 'the queue tests'),
    );
    startedRedis = state === 'started';
    if (startedRedis)
      process.stderr.write('test setup: started redis-server on 127.0.0.1:6379 (stopped after the tests)\n');
  }
  const chromium = process.env.KG_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    if (process.env.KG_CHROMIUM) throw new Error(`KG_CHROMIUM names ${chromium}, which does not exist`);
    ensureCommand('chromium', ['chromium', 'fonts-dejavu-core'], "the explorer's browser tests");
  }
  const evalData = findEvalData();
  if (evalData) process.env.KG_EVAL_DATA = evalData;
  // Snapshots several test files share (test/viz/snapshots.ts builds each once per run, on first use).
  const shared = mkdtempSync(path.join(os.tmpdir(), 'kg-test-shared-'));
  process.env.KG_TEST_SHARED = shared;
  return async () => {
    rmSync(shared, { recursive: true, force: true });
    if (!startedRedis) return;
    const client = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 0, lazyConnect: true });
    client.on('error', () => undefined);
    await client.connect();
    await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    client.disconnect();
  };
}
