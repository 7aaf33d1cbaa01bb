// BullMQ settings checked at start, and Redis memory bounded across runs:
// - a Redis whose maxmemory-policy may evict keys (allkeys-lru) gets a warning from `kg run` and from `kg worker`;
// - `kg run --keep-results N` keeps at most N finished jobs, however many runs add to the queue.
// The eviction policy is set on a private redis-server (never CONFIG SET on the shared one).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGraphJson, runKg, startKg, stopStartedKg, tempDir, type KgResult } from '../utils/cli.js';
import { seedPapers } from '../utils/papers.js';
import {
  deletePrefix,
  privateRedis,
  requireRedis,
  TEST_REDIS_URL,
  uniquePrefix,
  type PrivateRedis,
} from '../utils/redis.js';

const tmp = tempDir('redis-settings');
let lru: PrivateRedis;
const prefixes: string[] = [];

beforeAll(async () => {
  await requireRedis();
  lru = await privateRedis(['--maxmemory', '256mb', '--maxmemory-policy', 'allkeys-lru']);
  await lru.start();
});
afterAll(async () => {
  stopStartedKg();
  await lru?.dispose();
  for (const p of prefixes) await deletePrefix(p);
  tmp.cleanup();
}, 20_000);

/** A JSONL corpus of `n` seed abstracts under new ids and titles (`tag` keeps corpora apart). */
function corpus(name: string, n: number, tag: string): string {
  const file = path.join(tmp.dir, name);
  const seeds = seedPapers();
  const lines = Array.from({ length: n }, (_, i) => {
    const p = seeds[i % seeds.length]!;
    return JSON.stringify({ id: `${tag}-${i}`, title: `${p.title} (${tag} ${i})`, abstract: p.abstract });
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const EVICTION = /warning: Redis maxmemory-policy is "allkeys-lru".*noeviction/;

describe('maxmemory-policy other than noeviction', () => {
  it('kg run and kg worker both warn', async () => {
    const prefix = uniquePrefix('lru');
    const worker = startKg(['worker', '--redis', lru.url, '--prefix', prefix, '--concurrency', '2']);
    const run = await runKg([
      'run',
      corpus('lru.jsonl', 10, 'lru'),
      '--redis',
      lru.url,
      '--workers',
      '0',
      '--prefix',
      prefix,
      '--out',
      path.join(tmp.dir, 'lru'),
      '--quiet',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(EVICTION);
    expect(worker.child.exitCode).toBeNull();
    worker.child.kill('SIGTERM');
    const w: KgResult = await worker.done;
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(EVICTION);
  }, 60_000);

  it('noeviction (the shared test Redis is left as it is) gives no warning', async () => {
    const client = new Redis(TEST_REDIS_URL);
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
    await client.quit();
    const prefix = uniquePrefix('noevict');
    prefixes.push(prefix);
    const run = await runKg([
      'run',
      corpus('ok.jsonl', 5, 'ok'),
      '--redis',
      TEST_REDIS_URL,
      '--workers',
      '1',
      '--prefix',
      prefix,
      '--out',
      path.join(tmp.dir, 'ok'),
      '--quiet',
    ]);
    expect(run.code, run.stderr).toBe(0);
    if (policy === 'noeviction') expect(run.stderr).not.toMatch(/maxmemory-policy/);
  }, 60_000);
});

describe('kg run --keep-results N', () => {
  it('keeps at most N finished jobs across two runs of different papers', async () => {
    const prefix = uniquePrefix('keep');
    prefixes.push(prefix);
    const keep = 40;
    for (const tag of ['first', 'second']) {
      const out = path.join(tmp.dir, `keep-${tag}`);
      const run = await runKg([
        'run',
        corpus(`${tag}.jsonl`, 60, tag),
        '--redis',
        TEST_REDIS_URL,
        '--workers',
        '1',
        '--prefix',
        prefix,
        '--keep-results',
        String(keep),
        '--out',
        out,
        '--quiet',
      ]);
      expect(run.code, run.stderr).toBe(0);
      // Trimming never costs the run its results: every paper is in the snapshot.
      expect(readGraphJson(out).nodes.filter((n) => n.key.startsWith('paper:'))).toHaveLength(60);
    }
    const client = new Redis(TEST_REDIS_URL);
    try {
      const completed = await client.zcard(`${prefix}:extract:completed`);
      expect(completed).toBeGreaterThan(0);
      expect(completed).toBeLessThanOrEqual(keep);
      // The jobs' own hashes go with them: no orphaned job keys beyond those kept (plus queue bookkeeping keys).
      let jobKeys = 0;
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:extract:*`, 'COUNT', 1000);
        cursor = next;
        jobKeys += keys.filter((k) => /^.*:extract:(first|second)-\d+@[0-9a-f]+$/.test(k)).length;
      } while (cursor !== '0');
      expect(jobKeys).toBeLessThanOrEqual(keep);
    } finally {
      await client.quit();
    }
  }, 90_000);

  it('is documented in kg run --help with its default', async () => {
    const help = await runKg(['run', '--help']);
    expect(help.stdout).toMatch(/--keep-results <n>[\s\S]*default: 500000/);
    expect(help.stdout).toMatch(/--redis-wait <seconds>[\s\S]*default: 60/);
  });
});
