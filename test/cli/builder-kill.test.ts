// `kg run` killed mid-run: its workers stop with it, and the next run resumes without re-extracting what was done.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_QUEUE } from '../../workers/index.js';
import { readGraphJson, runKg, startKg, tempDir, workerPids } from '../utils/cli.js';
import { syntheticCorpus } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const N = 1500;
const tmp = tempDir('builder-kill');
const prefix = uniquePrefix('builder');
beforeAll(requireRedis);
afterAll(async () => {
  tmp.cleanup();
  await deletePrefix(prefix);
});

describe('SIGKILL of kg run mid-run', () => {
  it('takes its workers down with it, and a second run resumes from the results in Redis', async () => {
    const corpus = path.join(tmp.dir, 'corpus.jsonl');
    writeFileSync(corpus, syntheticCorpus(N));
    const args = [
      'run',
      corpus,
      '--redis',
      TEST_REDIS_URL,
      '--workers',
      '2',
      '--concurrency',
      '1',
      '--prefix',
      prefix,
      '--quiet',
    ];
    const first = startKg([...args, '--out', path.join(tmp.dir, 'first')]);
    const connection = new Redis(TEST_REDIS_URL);
    const queue = new Queue(EXTRACT_QUEUE, { connection, prefix });
    let completedAtKill: number | undefined;
    try {
      await expect
        .poll(async () => (await queue.getJobCounts('completed')).completed ?? 0, {
          timeout: 60_000,
          interval: 100,
          message: 'a quarter of the papers done before the kill',
        })
        .toBeGreaterThanOrEqual(N / 4);
      first.child.kill('SIGKILL');
      await first.done;
      // The workers notice their parent is gone and stop after their current job.
      await expect
        .poll(() => workerPids(prefix), {
          timeout: 20_000,
          interval: 200,
          message: "kg run's workers to stop after it was killed",
        })
        .toEqual([]);
      completedAtKill = (await queue.getJobCounts('completed')).completed ?? 0;
    } finally {
      await queue.close();
      await connection.quit();
    }
    expect(completedAtKill).toBeGreaterThanOrEqual(N / 4);
    expect(completedAtKill).toBeLessThan(N);

    const second = await runKg([...args, '--out', path.join(tmp.dir, 'second')]);
    expect(second.code, second.stderr).toBe(0);
    const counts = /extract: (\d+) extracted by workers, (\d+) reused from Redis, 0 failed/.exec(second.stderr);
    expect(counts, second.stderr).not.toBeNull();
    expect(Number(counts![2])).toBe(completedAtKill);
    expect(Number(counts![1])).toBe(N - completedAtKill);
    const papers = readGraphJson(path.join(tmp.dir, 'second')).nodes.filter((n) => n.key.startsWith('paper:'));
    expect(papers).toHaveLength(N);
  }, 180_000);
});
