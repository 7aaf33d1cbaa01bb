// Workers killed with SIGKILL three times in the middle of a 5,000-paper run lose no paper: each killed worker's job is
// handed on by the stalled check, the pool restarts the worker, and every paper is in the graph exactly once.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXTRACT_QUEUE } from '../../workers/index.js';
import { readGraphJson, startKg, tempDir, workerPids } from '../utils/cli.js';
import { syntheticCorpus } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const N = 5000;
const KILLS = 3;
const tmp = tempDir('kill');
const prefix = uniquePrefix('kill');
beforeAll(requireRedis);
afterAll(async () => {
  try {
    await deletePrefix(prefix);
  } finally {
    tmp.cleanup();
  }
});

describe('SIGKILL of a worker, three times, during a 5,000-paper run', () => {
  it('loses no paper and duplicates none', async () => {
    const corpus = path.join(tmp.dir, 'corpus.jsonl');
    writeFileSync(corpus, syntheticCorpus(N));
    const out = path.join(tmp.dir, 'out');
    const run = startKg([
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
      '--out',
      out,
      '--quiet',
    ]);
    const connection = new Redis(TEST_REDIS_URL);
    const queue = new Queue(EXTRACT_QUEUE, { connection, prefix });
    const killed: number[] = [];
    try {
      // Kill at 1/5, 2/5 and 3/5 of the run, each time a worker that has not been killed yet (the pool restarts the
      // dead one, so both slots are killed over the run), once both workers are up again.
      // The bound only stops a hang: it is not a speed target (those live in npm run bench). On a loaded two-core host
      // the 5,000 papers have taken over 250 s, and the third kill comes at 3/5 of them.
      // Each check kills at most one worker, so the three kills come at three different checks; a run that ends early
      // ends the wait, and the count of kills below says what went wrong.
      await vi.waitFor(
        async () => {
          if (run.child.exitCode !== null) return;
          const { completed = 0 } = await queue.getJobCounts('completed');
          const pids = workerPids(prefix).filter((pid) => !killed.includes(pid));
          if (completed >= ((killed.length + 1) * N) / (KILLS + 2) && pids.length === 2) {
            const victim = pids[killed.length % 2]!;
            process.kill(victim, 'SIGKILL');
            killed.push(victim);
          }
          if (killed.length < KILLS)
            throw new Error(
              `waiting to kill ${KILLS} workers mid-run: ${killed.length} killed so far (${completed} of ${N} papers done, ${pids.length} unkilled workers up)`,
            );
        },
        { timeout: 600_000, interval: 100 },
      );
    } finally {
      await queue.close();
      await connection.quit();
    }
    expect(killed, 'three workers were killed mid-run').toHaveLength(KILLS);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(/worker \d stopped \(SIGKILL\)/g), result.stderr).toHaveLength(KILLS);
    expect(result.stderr).toMatch(new RegExp(`extract: ${N} extracted by workers, 0 reused from Redis, 0 failed`));

    const g = readGraphJson(out);
    const paperKeys = g.nodes.filter((n) => n.key.startsWith('paper:')).map((n) => n.key);
    expect(paperKeys).toHaveLength(N);
    expect(new Set(paperKeys)).toEqual(new Set(Array.from({ length: N }, (_, i) => `paper:syn-${i}`)));
    expect(new Set(g.nodes.map((n) => n.key)).size).toBe(g.nodes.length);
    expect(new Set(g.edges.map((e) => e.key)).size).toBe(g.edges.length);
    const lines = readFileSync(path.join(out, 'papers.jsonl'), 'utf8').trim().split('\n');
    expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(N);
    expect(lines).toHaveLength(N);
  }, 900_000);
});
