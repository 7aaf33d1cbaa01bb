// Job ids name a paper id as written (any string, reversibly encoded: BullMQ refuses ":" and integer-looking ids) and
// the hash of its text, so two texts under one id are two jobs; the collector takes only results made from its own text.
import { Queue, QueueEvents, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import type { Paper } from '../../pipeline/core/types.js';
import {
  createExtractWorker,
  createRedisConnection,
  EXTRACT_QUEUE,
  extractWithQueue,
  jobHash,
  jobIdOf,
  paperIdOf,
  paperJob,
  type PaperJob,
} from '../../workers/index.js';
import { seedPapers } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const extractor = createExtractor({ models: loadModels() });
const { extract } = extractor;

const prefixes: string[] = [];
const prefix = (label: string): string => {
  const p = uniquePrefix(label);
  prefixes.push(p);
  return p;
};
const connections: Redis[] = [];
function connect(role: 'queue' | 'worker' = 'queue'): Redis {
  const c = createRedisConnection(TEST_REDIS_URL, { role });
  connections.push(c);
  return c;
}
beforeAll(requireRedis);
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
  for (const p of prefixes) await deletePrefix(p);
});

const HASH = '0123456789abcdef0123456789abcdef';

/** Paper ids as users write them: each must stay itself, and every one must be a distinct job. */
const IDS: [string, string][] = [
  ['P19-1001', 'an ACL id, readable as it is'],
  ['2401.00001', 'an arXiv id'],
  ['12345', 'an integer: BullMQ refuses it as a bare job id'],
  ['-7', 'a negative integer'],
  ['9007199254740993', 'beyond 2^53'],
  ['2301/00001', 'a slash'],
  ['2301:00001', 'a colon: BullMQ refuses it in a job id'],
  ['2301 00001', 'an inner space'],
  ['a:b:c', 'two colons: BullMQ would read it as a repeatable job key'],
  ['论文-1', 'CJK'],
  ['x@y', 'the separator itself'],
  ['100%', 'a percent sign'],
  ['#12345', 'the old integer escape'],
  ['q?a=1#frag', 'URL-special characters'],
];

describe('jobIdOf', () => {
  it.each(IDS)('%s (%s) round-trips, with no ":" and not an integer', (id) => {
    const jobId = jobIdOf({ id, hash: HASH });
    expect(paperIdOf(jobId)).toBe(id);
    expect(jobId).not.toContain(':');
    expect(`${Number.parseInt(jobId, 10)}`).not.toBe(jobId);
    expect(jobId.endsWith(`@${HASH}`)).toBe(true);
  });

  it('gives distinct ids distinct job ids, and one id with two texts two job ids', () => {
    const jobIds = new Set(IDS.map(([id]) => jobIdOf({ id, hash: HASH })));
    expect(jobIds.size).toBe(IDS.length);
    expect(jobIdOf({ id: 'p', hash: HASH })).not.toBe(jobIdOf({ id: 'p', hash: HASH.replace('0', 'f') }));
  });

  it('reads no paper id out of a job id it did not make', () => {
    expect(paperIdOf('12345')).toBeUndefined();
    expect(paperIdOf('%E0%A4%A@x')).toBeUndefined();
  });
});

describe('paper ids on the queue', () => {
  it('are extracted once each, under their own ids, and a re-run reuses them', async () => {
    const p = prefix('job-ids');
    const seeds = seedPapers().slice(0, IDS.length);
    const papers: Paper[] = seeds.map((paper, i) => ({ ...paper, id: IDS[i]![0] }));
    const worker = createExtractWorker({ connection: connect('worker'), extractor, prefix: p, concurrency: 2 });
    try {
      const out = await extractWithQueue(papers, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 300,
      });
      expect(out.failed).toEqual([]);
      expect([...out.results.keys()].sort()).toEqual(IDS.map(([id]) => id).sort());
      for (const paper of papers) expect(out.results.get(paper.id)).toEqual(extract(paper));
      const again = await extractWithQueue(papers, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 300,
      });
      expect(again.cached).toBe(papers.length);
    } finally {
      await worker.close();
    }
    const queue = new Queue<PaperJob>(EXTRACT_QUEUE, { connection: connect(), prefix: p });
    expect((await queue.getJob(jobIdOf(paperJob(papers[2]!))))?.data.id).toBe('12345');
    expect(await queue.getJobCounts('completed')).toEqual({ completed: IDS.length });
    await queue.close();
  }, 60_000);

  it('never takes a result that does not carry its text hash (a worker from before results carried one)', async () => {
    const p = prefix('job-ids-old');
    const papers = seedPapers().slice(0, 3);
    // An old worker: returns the extraction alone, without the hash of the text it read.
    const old = new Worker<PaperJob>(EXTRACT_QUEUE, async (job) => extract(job.data), {
      connection: connect('worker'),
      prefix: p,
    });
    try {
      const out = await extractWithQueue(papers, {
        connection: connect(),
        eventsConnection: connect('worker'),
        prefix: p,
        reconcileEvery: 300,
      });
      expect(out.results.size).toBe(0);
      expect(out.failed.map((f) => f.id).sort()).toEqual(papers.map((x) => x.id).sort());
      expect(out.failed[0]!.reason).toMatch(/not for this text/);
    } finally {
      await old.close();
    }
    // Removed, so a later run with current workers extracts them instead of failing again.
    const queue = new Queue<PaperJob>(EXTRACT_QUEUE, { connection: connect(), prefix: p });
    await expect.poll(() => queue.getJobCounts('completed')).toEqual({ completed: 0 });
    await queue.close();
  }, 60_000);

  it("a worker fails a job made for another extractor version instead of returning its own version's result", async () => {
    const p = prefix('job-ids-version');
    const paper = seedPapers()[0]!;
    const data: PaperJob = { ...paperJob(paper), hash: jobHash(paper, 'extract-v0.0.0') };
    const queue = new Queue<PaperJob>(EXTRACT_QUEUE, { connection: connect(), prefix: p });
    const events = new QueueEvents(EXTRACT_QUEUE, { connection: connect('worker'), prefix: p });
    await events.waitUntilReady();
    const failed = new Promise<string>((resolve) => events.once('failed', ({ failedReason }) => resolve(failedReason)));
    await queue.add('paper', data, { jobId: jobIdOf(data), attempts: 1 });
    const worker = createExtractWorker({ connection: connect('worker'), extractor, prefix: p, concurrency: 1 });
    try {
      expect(await failed).toMatch(/extractor/);
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  }, 30_000);
});
