/** The extraction job: what a producer puts on the queue for one paper, its job id, and how a worker checks it. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EXTRACTOR_VERSION } from '../pipeline/extract/index.js';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';

/** Schema of `job.data`: the text the extractor reads and a hash that ties a result to that text. */
export const paperJobSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  abstract: z.string().min(1),
  /** sha256 of extractor version, title and abstract (see {@link jobHash}); part of the job id. */
  hash: z.string().min(1),
});

/** Data of one extraction job. */
export type PaperJob = z.infer<typeof paperJobSchema>;

/** What a worker returns: the extraction result and the hash of the text it read, which the collector checks. */
export type JobResult = ExtractionResult & { hash: string };

/** The hash that ties a result to the text and the extractor version that made it. */
export function jobHash(
  paper: Pick<Paper, 'title' | 'abstract'>,
  extractorVersion: string = EXTRACTOR_VERSION,
): string {
  return createHash('sha256')
    .update(extractorVersion)
    .update('\0')
    .update(paper.title)
    .update('\0')
    .update(paper.abstract)
    .digest('hex')
    .slice(0, 32);
}

/** The job data for a paper. */
export function paperJob(paper: Paper): PaperJob {
  return { id: paper.id, title: paper.title, abstract: paper.abstract, hash: jobHash(paper) };
}

/**
 * The BullMQ job id of a paper's job: its id, percent-encoded, then `@` and the text hash (`P19-1001@3f2a…`,
 * `2301%2F00001@…`). The hash makes two texts under one paper id two jobs (two runs or corpora never take each other's
 * results) while the same text shares one (a re-run reuses it). The encoding keeps `:` out, which BullMQ refuses in
 * custom ids, and the `@` suffix keeps the id from reading as an integer, which BullMQ also refuses; it is one-to-one,
 * as `@` is always encoded in the first part.
 */
export function jobIdOf(job: Pick<PaperJob, 'id' | 'hash'>): string {
  return `${encodeURIComponent(job.id)}@${job.hash}`;
}

/** The paper id of a job id made by {@link jobIdOf}; undefined for any other job id. */
export function paperIdOf(jobId: string): string | undefined {
  const at = jobId.lastIndexOf('@');
  if (at <= 0) return undefined;
  try {
    return decodeURIComponent(jobId.slice(0, at));
  } catch {
    return undefined;
  }
}
