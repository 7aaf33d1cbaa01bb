// Paper ids that read as integers ("12345", "-7") cannot be BullMQ job ids (BullMQ's own ids are integers and it refuses
// them): they are mapped to "#12345", one-to-one, and such papers go through the queue like any other.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../pipeline/extract/index.js';
import type { Paper } from '../../pipeline/types.js';
import { createExtractWorker, createRedisConnection, EXTRACT_QUEUE, extractWithQueue, jobIdOf, paperIdOf } from '../../workers/index.js';
import { seedPapers } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const prefix = uniquePrefix('job-ids');
const connections: Redis[] = [];
function connect(role: 'queue' | 'worker' = 'queue'): Redis {
  const c = createRedisConnection(TEST_REDIS_URL, { role });
  connections.push(c);
  return c;
}
beforeAll(requireRedis);
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
  await deletePrefix(prefix);
});

describe('jobIdOf', () => {
  it.each([
    // [paper id, job id, why]
    ['12345', '#12345', 'an integer: BullMQ refuses it'],
    ['-7', '#-7', 'a negative integer reads as one too'],
    ['0', '#0', 'zero'],
    ['007', '007', 'leading zeros do not read back as the same integer, so BullMQ takes it'],
    ['1e3', '1e3', 'not an integer to parseInt'],
    ['2401.00001', '2401.00001', 'an arXiv id'],
    ['hf-0123456789ab', 'hf-0123456789ab', 'a title-hash id'],
  ])('%s → %s (%s)', (paperId, jobId) => {
    expect(jobIdOf(paperId)).toBe(jobId);
    expect(paperIdOf(jobIdOf(paperId))).toBe(paperId);
  });
});

describe('numeric paper ids on the queue', () => {
  it('are extracted once each, with results under their own ids, and a re-run reuses them', async () => {
    const seeds = seedPapers().slice(0, 4);
    const ids = ['12345', '-7', '007', 'n12345'];
    const papers: Paper[] = seeds.map((p, i) => ({ ...p, id: ids[i]! }));
    const worker = createExtractWorker({ connection: connect('worker'), prefix, concurrency: 2 });
    try {
      const out = await extractWithQueue(papers, { connection: connect(), eventsConnection: connect('worker'), prefix, reconcileEvery: 300 });
      expect(out.failed).toEqual([]);
      expect([...out.results.keys()].sort()).toEqual([...ids].sort());
      for (const paper of papers) expect(out.results.get(paper.id)).toEqual(extract(paper));
      const again = await extractWithQueue(papers, { connection: connect(), eventsConnection: connect('worker'), prefix, reconcileEvery: 300 });
      expect(again.cached).toBe(papers.length);
    } finally {
      await worker.close();
    }
    const queue = new Queue(EXTRACT_QUEUE, { connection: connect(), prefix });
    expect((await queue.getJob('#12345'))?.data.id).toBe('12345');
    expect(await queue.getJobCounts('completed')).toEqual({ completed: 4 });
    await queue.close();
  }, 60_000);
});
