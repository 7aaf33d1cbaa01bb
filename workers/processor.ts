/** The extraction processor: validate `job.data`, call the pure extractor, return JSON; bad data is never retried. */
import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { extract } from '../pipeline/extract/index.js';
import { InvalidInputError } from '../pipeline/errors.js';
import type { ExtractionResult } from '../pipeline/types.js';
import { paperJobSchema, type PaperJob } from './job.js';

/** Validates job data; throws InvalidInputError naming the fields at fault and what was received. */
export function parsePaperJob(data: unknown): PaperJob {
  const parsed = paperJobSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`).join('; ');
    throw new InvalidInputError(`invalid job data: ${problems}`, { code: 'KG_INVALID_JOB' });
  }
  return parsed.data;
}

/** The work of one job, shared by the queue worker and the in-process (inline) mode. */
export function processPaper(data: unknown): ExtractionResult {
  const job = parsePaperJob(data);
  return extract({ id: job.id, title: job.title, abstract: job.abstract });
}

/** BullMQ processor: invalid data becomes an UnrecoverableError (failed at once, reported); anything else is retried. */
export const extractProcessor: Processor<PaperJob, ExtractionResult> = async (job: Job<PaperJob, ExtractionResult>) => {
  try {
    return processPaper(job.data);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UnrecoverableError(error.message);
    throw error;
  }
};
