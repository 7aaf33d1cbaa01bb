/** The extraction processor: validate `job.data`, call the pure extractor, return JSON; bad data is never retried. */
import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { EXTRACTOR_VERSION, type Extractor } from '../pipeline/extract/index.js';
import { ExtractionError, InvalidInputError, KgError } from '../pipeline/core/errors.js';
import type { ExtractionResult } from '../pipeline/core/types.js';
import { jobHash, paperJobSchema, type JobResult, type PaperJob } from './job.js';

/** Validates job data; throws InvalidInputError naming the fields at fault and what was received. */
export function parsePaperJob(data: unknown): PaperJob {
  const parsed = paperJobSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`)
      .join('; ');
    throw new InvalidInputError(`invalid job data: ${problems}`, { code: 'KG_INVALID_JOB' });
  }
  return parsed.data;
}

/** The work of one job, shared by the queue worker and the in-process (inline) mode. */
export function processPaper(data: unknown, extractor: Extractor): ExtractionResult {
  const job = parsePaperJob(data);
  return extractor.extract({ id: job.id, title: job.title, abstract: job.abstract });
}

/**
 * The BullMQ processor of `extractor`: invalid data and a failure inside the extractor (the same text would fail again) become an
 * UnrecoverableError (failed at once, reported with the paper's FILE:LINE by kg run); anything else is retried.
 * The result carries the hash of the text this worker read with its own extractor version, so the collector takes it
 * only for that text; a job whose hash this worker would not make (a `kg worker` of another extractor version) fails
 * here, retriably, rather than returning a result the producer did not ask for.
 */
export function createExtractProcessor(extractor: Extractor): Processor<PaperJob, JobResult> {
  return async (job: Job<PaperJob, JobResult>) => {
    try {
      const data = parsePaperJob(job.data);
      const hash = jobHash(data);
      if (hash !== data.hash) {
        throw new KgError(
          `this worker's extractor (${EXTRACTOR_VERSION}) is not the one the job was made for: run kg worker of the same version as kg run`,
          {
            code: 'KG_EXTRACTOR_MISMATCH',
            retriable: true,
          },
        );
      }
      return { ...processPaper(data, extractor), hash };
    } catch (error) {
      if (error instanceof InvalidInputError || error instanceof ExtractionError)
        throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}
