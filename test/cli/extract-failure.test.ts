// An exception inside the extractor fails that paper alone, named by its FILE:LINE, and the other papers finish (issue
// 28, item 4): in-process, on extraction threads, on the queue (an UnrecoverableError: failed once, never retried) and
// in `kg extract`. The failure is made by the extractor's test hook, KG_TEST_EXTRACT_THROW (pipeline/extract/extract.ts):
// a text holding the marker throws inside the extractor, as a bug would, with no mock.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractInThreads, isFailure, type ExtractionOutcome } from '../../dist/workers/threads.js';
import { runKg, tempDir } from '../utils/cli.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const MARKER = 'KGTESTBOOM';
const env = { KG_TEST_EXTRACT_THROW: MARKER };
const tmp = tempDir('extract-failure');
const corpus = path.join(tmp.dir, 'papers.jsonl');
const prefix = uniquePrefix('extract-failure');
const PAPERS = [
  {
    id: 'ok-1',
    title: 'Graph neural networks for molecular property prediction',
    abstract:
      'We propose a graph neural network for molecular property prediction and evaluate it on QM9 with mean absolute error.',
  },
  {
    id: 'boom-1',
    title: 'Machine translation with attention',
    abstract: `We train ${MARKER}, a transformer for machine translation, on WMT14 and report BLEU.`,
  },
  {
    id: 'ok-2',
    title: 'Question answering over long documents',
    abstract: 'We fine-tune BERT for question answering on SQuAD and improve the F1 score.',
  },
];
const failure = `${corpus}:2: extraction failed: paper "boom-1": Error: KG_TEST_EXTRACT_THROW: the text holds "${MARKER}"`;

beforeAll(() => writeFileSync(corpus, `${PAPERS.map((p) => JSON.stringify(p)).join('\n')}\n`));
afterAll(async () => {
  await deletePrefix(prefix);
  tmp.cleanup();
});

/** The ids of the papers a snapshot holds. */
const snapshotIds = (dir: string): string[] =>
  readFileSync(path.join(dir, 'papers.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id)
    .sort();

describe('an exception inside the extractor', () => {
  it('in-process (--inline): the paper is reported as FILE:LINE and left out, the others are built', async () => {
    const out = path.join(tmp.dir, 'inline');
    const run = await runKg(['run', corpus, '--inline', '--out', out, '--quiet'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${failure}\n`);
    expect(snapshotIds(out)).toEqual(['ok-1', 'ok-2']);
  });

  it('on extraction threads (kg run from 1,000 papers): that input fails alone, the others come back in order', async () => {
    const saved = process.env.KG_TEST_EXTRACT_THROW;
    process.env.KG_TEST_EXTRACT_THROW = MARKER; // threads copy the environment when they start
    const outcomes: ExtractionOutcome[] = [];
    try {
      for await (const o of extractInThreads(PAPERS, { threads: 2, batchSize: 1 })) outcomes.push(o);
    } finally {
      if (saved === undefined) delete process.env.KG_TEST_EXTRACT_THROW;
      else process.env.KG_TEST_EXTRACT_THROW = saved;
    }
    expect(outcomes.map((o) => o.id)).toEqual(['ok-1', 'boom-1', 'ok-2']);
    expect(outcomes.map(isFailure)).toEqual([false, true, false]);
    expect(outcomes[1]).toEqual({
      id: 'boom-1',
      failed: `paper "boom-1": Error: KG_TEST_EXTRACT_THROW: the text holds "${MARKER}"`,
    });
    expect(outcomes.filter((o) => !isFailure(o)).every((o) => 'mentions' in o && o.mentions.length > 0)).toBe(true);
  });

  it('on the queue: the job fails once (UnrecoverableError, no retry), kg run reports FILE:LINE, the others are built', async () => {
    await requireRedis();
    const out = path.join(tmp.dir, 'queue');
    const run = await runKg(
      ['run', corpus, '--redis', TEST_REDIS_URL, '--workers', '1', '--prefix', prefix, '--out', out, '--quiet'],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${failure}\n`);
    expect(run.stderr).toContain('2 extracted by workers, 0 reused from Redis, 1 failed');
    expect(snapshotIds(out)).toEqual(['ok-1', 'ok-2']);
    const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('extract', { connection, prefix });
    try {
      const failed = await queue.getFailed();
      expect(failed.map((job) => [job.data.id, job.attemptsMade, job.failedReason])).toEqual([
        ['boom-1', 1, `paper "boom-1": Error: KG_TEST_EXTRACT_THROW: the text holds "${MARKER}"`],
      ]);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('in kg extract: the line is reported as FILE:LINE and skipped, the others are written', async () => {
    const out = path.join(tmp.dir, 'extracted.jsonl');
    const run = await runKg(['extract', '--in', corpus, '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${failure}\n`);
    const ids = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual(['ok-1', 'ok-2']);
  });
});
