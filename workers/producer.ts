/**
 * The producer and collector of `kg run`: enqueue one job per paper and text (job id = paper id + text hash), reuse
 * results already in Redis, and gather every result before the builder goes on. Nothing is lost: results stay in Redis
 * until collected (and after, for the next run), and a periodic reconciliation catches any event the listener missed.
 * A result is taken only when the hash it carries is this paper's, so runs sharing a Redis prefix never mix results.
 */
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';
import { jobIdOf, paperJob, type JobResult, type PaperJob } from './job.js';
import { createQueueEvents, createQueues } from './queues.js';

/** A paper whose job failed for good (bad data, or retries exhausted). */
export interface FailedPaper {
  id: string;
  reason: string;
}

/** What {@link extractWithQueue} reports as it goes. */
export interface QueueProgress {
  done: number;
  total: number;
  cached: number;
  failed: number;
}

/** Options of {@link extractWithQueue}. */
export interface QueueExtractionOptions {
  /** For the queue (commands). */
  connection: Redis;
  /** For the event listener, which blocks: created with `role: 'worker'`. */
  eventsConnection: Redis;
  prefix?: string;
  onProgress?: (progress: QueueProgress) => void;
  /** Called on each reconciliation while papers are outstanding (for "waiting for workers" messages). */
  onIdle?: (info: { pending: number; workers: number }) => void;
  /** Milliseconds between reconciliations with the stored job states. @defaultValue 2000 */
  reconcileEvery?: number;
  /** Aborts the wait (the jobs stay queued; a later run picks their results up). */
  signal?: AbortSignal;
  /** Finished jobs kept in Redis for later runs (see {@link createQueues}). @defaultValue 500,000 (DEFAULT_KEEP_RESULTS) */
  keepResults?: number;
  /**
   * What earlier attempts of the same run collected (see {@link newQueueRunState}). Papers already in it are not looked
   * up again, and what this attempt collects is added to it as it arrives, so an attempt cut short (Redis went away)
   * loses nothing it had received.
   */
  state?: QueueRunState;
}

/** Results collected so far by one `kg run`, across attempts. */
export interface QueueRunState {
  results: Map<string, ExtractionResult>;
  failed: Map<string, string>;
  /** Of `results`, those reused from an earlier run's stored jobs. */
  cached: number;
}

/** An empty {@link QueueRunState}. */
export function newQueueRunState(): QueueRunState {
  return { results: new Map(), failed: new Map(), cached: 0 };
}

/** Results by paper id, with how many were reused from an earlier run and how many failed. */
export interface QueueExtractionResult {
  results: Map<string, ExtractionResult>;
  failed: FailedPaper[];
  /** Papers whose stored result (same text, same extractor) was reused. */
  cached: number;
  /** Jobs added to the queue by this run (jobs an interrupted run left waiting are not added again). */
  enqueued: number;
  /** Papers whose result a worker produced while this run waited (everything not reused and not failed). */
  extracted: number;
}

const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Enqueues every paper not already done, waits for all results, and returns them. */
export async function extractWithQueue(
  papers: readonly Paper[],
  options: QueueExtractionOptions,
): Promise<QueueExtractionResult> {
  const { extract: queue } = createQueues({
    connection: options.connection,
    prefix: options.prefix,
    keepResults: options.keepResults,
  });
  const events = createQueueEvents({ connection: options.eventsConnection, prefix: options.prefix });
  // A BullMQ object without an 'error' listener logs every connection error to the console; the caller sees them as
  // rejected commands instead.
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  const state = options.state ?? newQueueRunState();
  const { results, failed } = state;
  const pending = new Set<string>();
  const total = papers.length;
  const wanted = new Map<string, PaperJob>(
    papers.filter((p) => !results.has(p.id) && !failed.has(p.id)).map((paper) => [paper.id, paperJob(paper)]),
  );
  // Events name job ids; another run's jobs on the same prefix are not in this map and are ignored.
  const byJobId = new Map<string, string>([...wanted].map(([id, data]) => [jobIdOf(data), id]));
  let enqueued = 0;
  let failedOnError = false;
  const report = (): void =>
    options.onProgress?.({ done: results.size + failed.size, total, cached: state.cached, failed: failed.size });

  let wake: () => void = () => undefined;
  const settle = (id: string): void => {
    pending.delete(id);
    report();
    if (pending.size === 0) wake();
  };
  /** Takes a result for a pending paper if it was made from this paper's text; true when taken. */
  const accept = (id: string, value: unknown): boolean => {
    if (!pending.has(id)) return false;
    const result = typeof value === 'string' ? (JSON.parse(value) as JobResult) : (value as JobResult | null);
    if (!result || !Array.isArray(result.mentions)) return false;
    const { hash, ...extraction } = result;
    const data = wanted.get(id)!;
    if (hash !== data.hash) {
      // Not made from this text by this extractor (a kg worker from before results carried their hash): never taken.
      // The job is removed, so a later run, with up-to-date workers, extracts the paper again.
      void queue.remove(jobIdOf(data)).catch(() => undefined);
      reject(
        id,
        `the worker's result is not for this text (hash ${hash ?? 'missing'}, expected ${data.hash}): is a kg worker of another version connected?`,
      );
      return false;
    }
    results.set(id, extraction);
    settle(id);
    return true;
  };
  const reject = (id: string, reason: string): void => {
    if (!pending.has(id)) return;
    failed.set(id, reason);
    settle(id);
  };

  try {
    // Listen before enqueueing, so no completion can slip between the two.
    events.on('completed', ({ jobId, returnvalue }) => {
      const id = byJobId.get(jobId);
      if (id !== undefined) accept(id, returnvalue);
    });
    events.on('failed', ({ jobId, failedReason }) => {
      const id = byJobId.get(jobId);
      if (id !== undefined) reject(id, failedReason);
    });
    await events.waitUntilReady();
    await queue.waitUntilReady();

    // Look at what an earlier run (or one running beside this) left under the same ids: reuse results, retry failures.
    const toAdd: PaperJob[] = [];
    for (const ids of chunks([...wanted.keys()])) {
      const jobs = await Promise.all(ids.map((id) => queue.getJob(jobIdOf(wanted.get(id)!))));
      await Promise.all(
        ids.map(async (id, i) => {
          const data = wanted.get(id)!;
          const job = jobs[i];
          pending.add(id);
          if (!job) return void toAdd.push(data);
          const jobState = await job.getState();
          if (job.data?.hash !== data.hash) {
            // The id names the hash, so only a job not made by kg gets here: it is replaced (an active one once it ends).
            if (jobState === 'active') return;
            await job.remove().catch(() => undefined);
            toAdd.push(data);
          } else if (jobState === 'completed') {
            if (accept(id, job.returnvalue)) state.cached += 1;
          } else if (jobState === 'failed') {
            await job.retry('failed').catch(() => undefined);
          }
        }),
      );
    }
    for (const batch of chunks(toAdd)) {
      await queue.addBulk(batch.map((data) => ({ name: 'paper', data, opts: { jobId: jobIdOf(data) } })));
      enqueued += batch.length;
    }
    report();

    // Wait for the rest, reconciling with stored states in case an event was missed.
    const every = options.reconcileEvery ?? 2000;
    const toRequeue: PaperJob[] = [];
    while (pending.size > 0) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, every);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (pending.size === 0) break;
      await reconcile(queue, [...pending], wanted, { accept, reject, requeue: (data) => toRequeue.push(data) });
      const requeue = toRequeue.splice(0);
      if (requeue.length > 0) {
        await queue.addBulk(requeue.map((data) => ({ name: 'paper', data, opts: { jobId: jobIdOf(data) } })));
        enqueued += requeue.length;
      }
      if (pending.size > 0) options.onIdle?.({ pending: pending.size, workers: (await queue.getWorkers()).length });
    }
    return {
      results,
      failed: [...failed].map(([id, reason]) => ({ id, reason })),
      cached: state.cached,
      enqueued,
      extracted: results.size - state.cached,
    };
  } catch (error) {
    failedOnError = true;
    throw error;
  } finally {
    // After an error (Redis gone, most likely) close() can wait for a reconnection that never comes: bound it.
    const ms = failedOnError ? 200 : CLOSE_MS;
    await closeWithin(events.close(), ms);
    await closeWithin(queue.close(), ms);
  }
}

const CLOSE_MS = 2000;

async function closeWithin(closing: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    closing.catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]);
  clearTimeout(timer);
}

interface Reconciler {
  accept(id: string, value: unknown): boolean;
  reject(id: string, reason: string): void;
  requeue(data: PaperJob): void;
}

/** Reads the stored state of outstanding jobs: picks up missed results and failures, re-adds jobs that vanished. */
async function reconcile(
  queue: ReturnType<typeof createQueues>['extract'],
  ids: string[],
  wanted: Map<string, PaperJob>,
  on: Reconciler,
): Promise<void> {
  for (const batch of chunks(ids)) {
    const jobs: (Job<PaperJob, JobResult, string> | undefined)[] = await Promise.all(
      batch.map((id) => queue.getJob(jobIdOf(wanted.get(id)!))),
    );
    await Promise.all(
      batch.map(async (id, i) => {
        const job = jobs[i];
        const data = wanted.get(id)!;
        if (!job) return on.requeue(data);
        if (job.data?.hash !== data.hash) {
          const state = await job.getState();
          if (state !== 'active') {
            await job.remove().catch(() => undefined);
            on.requeue(data);
          }
          return;
        }
        if (job.finishedOn === undefined) return;
        if (job.returnvalue) on.accept(id, job.returnvalue);
        else if (job.failedReason && (await job.getState()) === 'failed') on.reject(id, job.failedReason);
      }),
    );
  }
}
