// `kg worker` as users run it: takes jobs from the queue, and stops cleanly on SIGTERM after finishing what it holds.
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_QUEUE, jobIdOf, paperJob } from '../../workers/index.js';
import { KG, startKg } from '../utils/cli.js';
import { seedPapers } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const prefix = uniquePrefix('worker');
beforeAll(requireRedis);
afterAll(() => deletePrefix(prefix));

describe('kg worker', () => {
  it('processes queued papers and exits 0 on SIGTERM', async () => {
    const connection = new Redis(TEST_REDIS_URL);
    const queue = new Queue(EXTRACT_QUEUE, { connection, prefix });
    const papers = seedPapers().slice(0, 20);
    await queue.addBulk(
      papers.map((p) => paperJob(p)).map((data) => ({ name: 'paper', data, opts: { jobId: jobIdOf(data) } })),
    );
    const worker = startKg(['worker', '--redis', TEST_REDIS_URL, '--prefix', prefix, '--concurrency', '2']);
    try {
      await expect
        .poll(async () => (await queue.getJobCounts('completed')).completed, {
          timeout: 30_000,
          interval: 200,
          message: 'kg worker to complete every queued paper',
        })
        .toBe(papers.length);
      const job = await queue.getJob(jobIdOf(paperJob(papers[0]!)));
      expect(job?.returnvalue?.id).toBe(papers[0]!.id);
    } finally {
      worker.child.kill('SIGTERM');
      await queue.close();
      await connection.quit();
    }
    const result = await worker.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/SIGTERM, finishing active jobs/);
    expect(result.stderr).toMatch(/stopped after 20 done, 0 failed/);
  });
});

describe('kg worker started by kg run (with an IPC channel)', () => {
  it('stops when its parent goes away while it is still starting', async () => {
    // The channel closes at once, before the worker has probed Redis and loaded the models: the disconnect event comes
    // before the worker listens for it, so only its state (process.connected) says the parent is gone.
    const child = spawn(process.execPath, [KG, 'worker', '--prefix', uniquePrefix('orphan'), '--quiet'], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, REDIS_URL: TEST_REDIS_URL },
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.disconnect();
    try {
      await expect
        .poll(() => child.exitCode ?? child.signalCode, {
          timeout: 60_000,
          interval: 200,
          message: 'kg worker to stop after its parent went away',
        })
        .not.toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
    expect(stderr).not.toMatch(/Error/);
  }, 90_000);
});
