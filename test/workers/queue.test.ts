// The queue against the real Redis: every paper comes back once, a re-run reuses results, bad data fails without retry.
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import type { Paper } from '../../pipeline/core/types.js';
import {
  createExtractWorker,
  createRedisConnection,
  EXTRACT_QUEUE,
  extractWithQueue,
  jobIdOf,
  paperJob,
} from '../../workers/index.js';
import { seedPapers } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const extractor = createExtractor({ models: loadModels() });
const { extract } = extractor;

const connections: Redis[] = [];
function connect(role: 'queue' | 'worker' = 'queue'): Redis {
  const c = createRedisConnection(TEST_REDIS_URL, { role });
  connections.push(c);
  return c;
}
const prefixes: string[] = [];
function prefix(label: string): string {
  const p = uniquePrefix(label);
  prefixes.push(p);
  return p;
}

let papers: Paper[];
beforeAll(async () => {
  await requireRedis();
  papers = seedPapers().slice(0, 60);
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.quit().catch(() => undefined)));
});
afterAll(async () => {
  for (const p of prefixes) await deletePrefix(p);
});

async function withWorker<T>(p: string, body: () => Promise<T>): Promise<T> {
  const worker = createExtractWorker({ connection: connect('worker'), extractor, prefix: p, concurrency: 4 });
  try {
    return await body();
  } finally {
    await worker.close();
  }
}

describe('extraction on the queue', () => {
  it('returns one result per paper, equal to in-process extraction', async () => {
    const p = prefix('all');
    const out = await withWorker(p, () =>
      extractWithQueue(papers, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 500,
      }),
    );
    expect(out.failed).toEqual([]);
    expect(out.enqueued).toBe(papers.length);
    expect(out.extracted).toBe(papers.length);
    expect(out.cached).toBe(0);
    expect([...out.results.keys()].sort()).toEqual(papers.map((x) => x.id).sort());
    for (const paper of papers.slice(0, 10)) {
      expect(out.results.get(paper.id)).toEqual(
        extract({ id: paper.id, title: paper.title, abstract: paper.abstract }),
      );
    }
  });

  it('re-runs without re-extracting, and re-extracts only papers whose text changed', async () => {
    const p = prefix('resume');
    const first = await withWorker(p, () =>
      extractWithQueue(papers, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 500,
      }),
    );
    // No worker at all: every result must come from Redis.
    const second = await extractWithQueue(papers, {
      connection: connect(),
      eventsConnection: connect('worker'),
      prefix: p,
      reconcileEvery: 500,
    });
    expect(second.cached).toBe(papers.length);
    expect(second.enqueued).toBe(0);
    expect(second.extracted).toBe(0);
    expect(second.results).toEqual(first.results);

    const changed = papers.map((paper, i) =>
      i < 5 ? { ...paper, abstract: `${paper.abstract} We also study graph neural networks (GNNs).` } : paper,
    );
    const third = await withWorker(p, () =>
      extractWithQueue(changed, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 500,
      }),
    );
    expect(third.enqueued).toBe(5);
    expect(third.extracted).toBe(5);
    expect(third.cached).toBe(papers.length - 5);
    expect(third.results.get(changed[0]!.id)?.mentions.some((m) => m.text.includes('GNNs'))).toBe(true);
    const counts = await new Queue(EXTRACT_QUEUE, { connection: connect(), prefix: p }).getJobCounts(
      'completed',
      'wait',
      'active',
      'failed',
    );
    // The five old texts keep their own jobs (a run of the old texts reuses them) until trimmed by age or count.
    expect(counts).toEqual({ completed: papers.length + 5, wait: 0, active: 0, failed: 0 });
  });

  it('fails a job with bad data at once (no retry) and reports it, while the others complete', async () => {
    const p = prefix('bad');
    const bad = { ...papers[0]!, id: 'bad-paper', abstract: '' };
    const out = await withWorker(p, () =>
      extractWithQueue([bad, ...papers.slice(1, 6)], {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 500,
      }),
    );
    expect(out.results.size).toBe(5);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]!.id).toBe('bad-paper');
    expect(out.failed[0]!.reason).toMatch(/abstract/);
    const job = await Job.fromId(
      new Queue(EXTRACT_QUEUE, { connection: connect(), prefix: p }),
      jobIdOf(paperJob(bad)),
    );
    expect(job?.attemptsMade).toBe(1);
    expect(await job?.getState()).toBe('failed');
  });
});
