/** The extraction job: what a producer puts on the queue for one paper and how a worker checks it. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EXTRACTOR_VERSION } from '../pipeline/extract/index.js';
import type { Paper } from '../pipeline/types.js';

/** Schema of `job.data`: the text the extractor reads and a hash that says whether a stored result is still valid. */
export const paperJobSchema = z.object({
  id: z.string().min(1).regex(/^[^:]+$/, 'must not contain ":"'),
  title: z.string().min(1),
  abstract: z.string().min(1),
  /** sha256 of extractor version, title and abstract: a stored result with another hash is stale. */
  hash: z.string().min(1),
});

/** Data of one extraction job. */
export type PaperJob = z.infer<typeof paperJobSchema>;

/** The hash that ties a result to the text and the extractor version that made it. */
export function jobHash(paper: Pick<Paper, 'title' | 'abstract'>, extractorVersion: string = EXTRACTOR_VERSION): string {
  return createHash('sha256').update(extractorVersion).update('\0').update(paper.title).update('\0').update(paper.abstract).digest('hex').slice(0, 32);
}

/** The job data for a paper (its id is also the job id). */
export function paperJob(paper: Paper): PaperJob {
  return { id: paper.id, title: paper.title, abstract: paper.abstract, hash: jobHash(paper) };
}

/**
 * The BullMQ job id of a paper. BullMQ refuses custom job ids that read as integers ("12345", "-7": its own ids are
 * integers, so they would collide), so those get a leading `#`. Paper ids never hold `#` (ingest keeps only
 * `[A-Za-z0-9._-]`), so the mapping is one-to-one and every other id is its own job id.
 */
export function jobIdOf(paperId: string): string {
  return `${Number.parseInt(paperId, 10)}` === paperId ? `#${paperId}` : paperId;
}

/** The paper id of a job id made by {@link jobIdOf}. */
export function paperIdOf(jobId: string): string {
  return jobId.startsWith('#') ? jobId.slice(1) : jobId;
}
