/** The queue side of kg: BullMQ on Redis, one job per paper, any number of `kg worker` processes. */
export { EXTRACT_QUEUE, DEFAULT_PREFIX, DEFAULT_REDIS_URL, isValidPrefix } from './names.js';
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
export { createQueues, createQueueEvents, DEFAULT_JOB_OPTIONS, DEFAULT_KEEP_RESULTS, type ExtractQueue } from './queues.js';
export { createExtractWorker, closeOnSignals, DEFAULT_WORKER_OPTIONS, type ExtractWorkerOptions, type CloseOnSignalsOptions } from './worker.js';
export {
  extractWithQueue,
  newQueueRunState,
  type QueueRunState,
  type QueueExtractionResult,
  type QueueExtractionOptions,
  type QueueProgress,
  type FailedPaper,
} from './producer.js';
