// Redis stopped and restarted in the middle of a queue-mode run (append-only persistence, as compose runs it): `kg run`
// waits for it and completes; when it stays away past --redis-wait, `kg run` exits 1 naming Redis, and a second
// `kg run` completes, reusing what Redis kept. A separate `kg worker` process lives through both outages.
// Runs against a private redis-server on a free port: the machine's shared Redis is never stopped.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGraphJson, startKg, stopStartedKg, tempDir, type KgResult, type StartedKg } from '../utils/cli.js';
import { syntheticCorpus } from '../utils/papers.js';
import { privateRedis, uniquePrefix, type PrivateRedis } from '../utils/redis.js';

const N = 300;
const tmp = tempDir('redis-restart');
const corpus = path.join(tmp.dir, 'corpus.jsonl');
let redis: PrivateRedis;
let worker: StartedKg | undefined;

beforeAll(async () => {
  writeFileSync(corpus, syntheticCorpus(N));
  redis = await privateRedis();
  await redis.start();
});

afterAll(async () => {
  stopStartedKg();
  await redis?.dispose();
  tmp.cleanup();
}, 20_000);

/** Completed jobs under a prefix, or -1 while Redis does not answer. */
async function completed(prefix: string): Promise<number> {
  const client = new Redis(redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.zcard(`${prefix}:extract:completed`);
  } catch {
    return -1;
  } finally {
    client.disconnect();
  }
}

/** A run's result, or a test failure (and the run killed) after `ms`. */
async function within(run: StartedKg, ms: number): Promise<KgResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.child.kill('SIGKILL');
      reject(new Error(`kg did not finish within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run.done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function startWorker(prefix: string): StartedKg {
  return startKg(['worker', '--redis', redis.url, '--prefix', prefix, '--concurrency', '2']);
}

function startRun(prefix: string, out: string, extra: string[] = []): StartedKg {
  return startKg([
    'run',
    corpus,
    '--redis',
    redis.url,
    '--workers',
    '0',
    '--prefix',
    prefix,
    '--out',
    out,
    '--quiet',
    ...extra,
  ]);
}

/** Every paper of the corpus in the snapshot exactly once (graph nodes and papers.jsonl). */
function expectAllPapersOnce(out: string): void {
  const keys = readGraphJson(out)
    .nodes.filter((n) => n.key.startsWith('paper:'))
    .map((n) => n.key);
  expect(keys).toHaveLength(N);
  expect(new Set(keys)).toEqual(new Set(Array.from({ length: N }, (_, i) => `paper:syn-${i}`)));
  const lines = readFileSync(path.join(out, 'papers.jsonl'), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(N);
  expect(new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(N);
}

/** "extract: X extracted by workers, Y reused from Redis, Z failed" of a run's stderr. */
function extractCounts(stderr: string): { extracted: number; reused: number; failed: number } {
  const m = /extract: (\d+) extracted by workers, (\d+) reused from Redis, (\d+) failed/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return { extracted: Number(m![1]), reused: Number(m![2]), failed: Number(m![3]) };
}

/** SIGTERM to the worker; its "stopped after N done" count. */
async function stopWorker(w: StartedKg): Promise<number> {
  w.child.kill('SIGTERM');
  const r = await within(w, 15_000);
  const m = /stopped after (\d+) done/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return Number(m![1]);
}

describe('Redis stopped and restarted during kg run', () => {
  it('a short outage: kg run waits, resumes and completes with every paper once', async () => {
    const prefix = uniquePrefix('redis-restart');
    const out = path.join(tmp.dir, 'out-short');
    worker = startWorker(prefix);
    const run = startRun(prefix, out);
    let stderr = '';
    run.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await expect
      .poll(() => completed(prefix), { timeout: 60_000, interval: 100, message: 'a third of the papers done' })
      .toBeGreaterThanOrEqual(N / 3);
    await redis.shutdown();
    // Redis stays away until kg run has noticed (its queue polls every 2 s, so within a few seconds), not for a fixed
    // time: a fixed 3 s outage could pass unnoticed on a loaded machine, with nothing to assert about.
    await expect
      .poll(() => stderr, { timeout: 30_000, interval: 100, message: 'kg run to notice Redis is away' })
      .toContain('unreachable; waiting up to');
    await redis.start();
    const result = await within(run, 90_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`Redis at ${redis.url} unreachable; waiting up to 60 s`));
    expect(result.stderr).toMatch(/Redis at .* is back; resuming/);
    const counts = extractCounts(result.stderr);
    expect(counts.extracted + counts.reused).toBe(N);
    expect(counts.failed).toBe(0);
    expectAllPapersOnce(out);
    // The worker lived through the outage and did not redo the finished papers: at most the jobs it held when Redis
    // went away (concurrency 2) are extracted twice.
    expect(worker.child.exitCode, 'the worker is still running').toBeNull();
    const done = await stopWorker(worker);
    expect(done).toBeGreaterThanOrEqual(N);
    expect(done).toBeLessThanOrEqual(N + 4);
  }, 150_000);

  it('an outage longer than --redis-wait: exit 1 naming Redis; kg run again completes and reuses what Redis kept', async () => {
    const prefix = uniquePrefix('redis-down');
    const out = path.join(tmp.dir, 'out-long');
    worker = startWorker(prefix);
    const run = startRun(prefix, out, ['--redis-wait', '3']);
    await expect
      .poll(() => completed(prefix), { timeout: 60_000, interval: 100, message: 'a third of the papers done' })
      .toBeGreaterThanOrEqual(N / 3);
    await redis.shutdown();
    const failed = await within(run, 30_000);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/waiting up to 3 s/);
    expect(failed.stderr).toMatch(
      new RegExp(`kg: Redis at ${redis.url} did not come back within 3 s .*kg run.* again .*resume`),
    );
    expect(worker.child.exitCode, 'the worker survives Redis being away').toBeNull();

    await redis.start();
    const kept = await completed(prefix);
    expect(kept).toBeGreaterThanOrEqual(N / 3);
    const again = await within(startRun(prefix, out), 90_000);
    expect(again.code, again.stderr).toBe(0);
    const counts = extractCounts(again.stderr);
    // Everything the append-only file kept is reused, not extracted again.
    expect(counts.reused).toBeGreaterThanOrEqual(kept);
    expect(counts.extracted + counts.reused).toBe(N);
    expect(counts.failed).toBe(0);
    expectAllPapersOnce(out);
    expect(worker.child.exitCode, 'the worker is still running').toBeNull();
    const done = await stopWorker(worker);
    expect(done).toBeLessThanOrEqual(N + 4);
  }, 150_000);

  it('a kg worker told to stop while Redis is away stops within seconds', async () => {
    const w = startWorker(uniquePrefix('redis-stop'));
    let stderr = '';
    w.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await expect
      .poll(() => stderr, { timeout: 20_000, interval: 100, message: 'the worker to start' })
      .toContain('concurrency 2');
    await redis.shutdown();
    await expect
      .poll(() => stderr, { timeout: 20_000, interval: 100, message: 'the worker to notice Redis is away' })
      .toMatch(/unreachable .*reconnecting/);
    const asked = Date.now();
    w.child.kill('SIGTERM');
    const r = await within(w, 15_000);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(r.stderr).toMatch(/stopped after 0 done/);
    await redis.start();
  }, 60_000);
});
