// The processor validates job data: bad data is an UnrecoverableError (never retried), good data the extractor's result.
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import {
  createExtractProcessor,
  jobHash,
  paperJob,
  parsePaperJob,
  processPaper,
  type PaperJob,
} from '../../workers/index.js';

const extractor = createExtractor({ models: loadModels() });
const extractProcessor = createExtractProcessor(extractor);

const paper = {
  id: 'p1',
  title: 'Invariant Risk Minimization',
  abstract: 'We propose Invariant Risk Minimization (IRM) for domain generalization.',
  sources: [],
};

describe('paper jobs', () => {
  it('carry the text and a hash that changes with the text', () => {
    const job = paperJob(paper);
    expect(job).toMatchObject({ id: 'p1', title: paper.title, abstract: paper.abstract });
    expect(job.hash).toBe(jobHash(paper));
    expect(jobHash({ ...paper, abstract: `${paper.abstract} More.` })).not.toBe(job.hash);
    expect(jobHash(paper, 'another-extractor')).not.toBe(job.hash);
  });

  it.each([
    ['no id', { title: 't', abstract: 'a', hash: 'h' }],
    ['empty id', { id: '', title: 't', abstract: 'a', hash: 'h' }],
    ['empty abstract', { id: 'x', title: 't', abstract: '', hash: 'h' }],
    ['title of the wrong type', { id: 'x', title: 42, abstract: 'a', hash: 'h' }],
    ['not an object', 'hello'],
    ['null', null],
  ])('refuse %s with InvalidInputError', (_label, data) => {
    expect(() => parsePaperJob(data)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', code: 'KG_INVALID_JOB' }),
    );
  });

  it('give the pure extractor result for good data', () => {
    expect(processPaper(paperJob(paper), extractor)).toEqual(
      extractor.extract({ id: 'p1', title: paper.title, abstract: paper.abstract }),
    );
  });

  it('turn bad data into UnrecoverableError at the worker edge', async () => {
    const job = { data: { id: 'x' } } as unknown as Job<PaperJob>;
    await expect(extractProcessor(job)).rejects.toBeInstanceOf(UnrecoverableError);
    const good = { data: paperJob(paper) } as unknown as Job<PaperJob>;
    // The result carries the hash of the text the worker read, which the collector checks against its own.
    await expect(extractProcessor(good)).resolves.toMatchObject({ id: 'p1', hash: jobHash(paper) });
  });
});
