// A worker killed with SIGKILL in the middle of a run loses no paper: its job is handed on and every paper is in the graph once.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACT_QUEUE } from '../../workers/index.js';
import { readGraphJson, startKg, tempDir, workerPids } from '../utils/cli.js';
import { syntheticCorpus } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const N = 1500;
const tmp = tempDir('kill');
const prefix = uniquePrefix('kill');
beforeAll(requireRedis);
afterAll(async () => {
  tmp.cleanup();
  await deletePrefix(prefix);
});


describe('SIGKILL of a worker mid-run', () => {
  it('loses no paper and duplicates none', async () => {
    const corpus = path.join(tmp.dir, 'corpus.jsonl');
    writeFileSync(corpus, syntheticCorpus(N));
    const out = path.join(tmp.dir, 'out');
    const run = startKg(['run', corpus, '--redis', TEST_REDIS_URL, '--workers', '2', '--concurrency', '1', '--prefix', prefix, '--out', out, '--quiet']);
    const connection = new Redis(TEST_REDIS_URL);
    const queue = new Queue(EXTRACT_QUEUE, { connection, prefix });
    let killed: number | undefined;
    try {
      const deadline = Date.now() + 60_000;
      while (killed === undefined && Date.now() < deadline) {
        const { completed = 0 } = await queue.getJobCounts('completed');
        const pids = workerPids(prefix);
        if (completed >= N / 5 && pids.length === 2) {
          killed = pids[0]!;
          process.kill(killed, 'SIGKILL');
        } else await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await queue.close();
      await connection.quit();
    }
    expect(killed, 'a worker was killed mid-run').toBeDefined();
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/worker \d stopped \(SIGKILL\)/);
    const g = readGraphJson(out);
    const paperKeys = g.nodes.filter((n) => n.key.startsWith('paper:')).map((n) => n.key);
    expect(paperKeys).toHaveLength(N);
    expect(new Set(paperKeys).size).toBe(N);
    expect(new Set(g.nodes.map((n) => n.key)).size).toBe(g.nodes.length);
  }, 120_000);
});
