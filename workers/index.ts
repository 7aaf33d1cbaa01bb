/** Where extraction runs: BullMQ on Redis (one job per paper, any number of `kg worker` processes), or this machine's threads; and the extraction of one `kg run`. */
export {
  EXTRACT_QUEUE,
  DEFAULT_PREFIX,
  DEFAULT_REDIS_URL,
  DEFAULT_KEEP_RESULTS,
  DEFAULT_CONCURRENCY,
  isValidPrefix,
} from './names.js';
export {
  createRedisConnection,
  probeRedis,
  evictionWarning,
  redactUrl,
  redactCredentials,
  isConnectionError,
  waitForRedis,
  type RedisInfo,
  type ConnectionOptions,
  type WaitForRedisOptions,
} from './connection.js';
export { paperJob, paperJobSchema, jobHash, jobIdOf, paperIdOf, type PaperJob, type JobResult } from './job.js';
export { createExtractProcessor, processPaper, parsePaperJob } from './processor.js';
export { createShippedExtractor } from './extractor.js';
export { createQueues, createQueueEvents, DEFAULT_JOB_OPTIONS, type ExtractQueue } from './queues.js';
export {
  createExtractWorker,
  closeOnSignals,
  DEFAULT_WORKER_OPTIONS,
  type ExtractWorkerOptions,
  type CloseOnSignalsOptions,
} from './worker.js';
export {
  extractWithQueue,
  newQueueRunState,
  type QueueRunState,
  type QueueExtractionResult,
  type QueueExtractionOptions,
  type QueueProgress,
  type FailedPaper,
} from './producer.js';
export {
  extractPapers,
  type ExtractPapersOptions,
  type ExtractedPapers,
  type ExtractionHooks,
  type ProgressDisplay,
  type ProgressRequest,
} from './extract-papers.js';
export { extractInline } from './inline.js';
export { chooseMode, type ExecutionMode, type ModeOptions } from './mode.js';
export { startWorkerPool, type WorkerPool, type WorkerPoolOptions } from './pool.js';
export {
  extractInThreads,
  extractOrFail,
  isFailure,
  threadsFor,
  MIN_INPUTS_FOR_THREADS,
  type ExtractionFailure,
  type ExtractionOutcome,
  type ThreadOptions,
} from './threads.js';
