/** Extraction on several cores of one machine (worker_threads), results in input order: for `kg extract` and in-process `kg run`. */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ExtractionError } from '../pipeline/core/errors.js';
import type { ExtractionInput, ExtractionResult } from '../pipeline/core/types.js';
// The module alone, not the workers barrel: a thread needs no BullMQ.
import { createShippedExtractor } from './extractor.js';

/** An input the extractor failed on: its id and the error's message (which names the paper). */
export interface ExtractionFailure {
  id: string;
  failed: string;
}

/** What extraction gives for one input: its result, or its failure. */
export type ExtractionOutcome = ExtractionResult | ExtractionFailure;

/** True for a failed input. */
export const isFailure = (outcome: ExtractionOutcome): outcome is ExtractionFailure => 'failed' in outcome;

/**
 * One input's outcome: an ExtractionError (the extractor failed on this text) fails this input alone; any other error
 * (a missing weights file: a broken install) still ends the whole extraction.
 */
export function extractOrFail(
  input: ExtractionInput,
  run: (input: ExtractionInput) => ExtractionResult,
): ExtractionOutcome {
  try {
    return run(input);
  } catch (error) {
    if (error instanceof ExtractionError) return { id: error.paperId, failed: error.message };
    throw error;
  }
}

/** Options of {@link extractInThreads}. */
export interface ThreadOptions {
  /** Threads to use; 1 runs in this thread. @defaultValue os.availableParallelism() */
  threads?: number;
  /** Inputs per message. @defaultValue 32 */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

/** Below this many inputs, starting threads (each loads compromise) costs more than it saves. */
export const MIN_INPUTS_FOR_THREADS = 1000;

/** Threads worth starting for `n` inputs. */
export function threadsFor(n: number, available = os.availableParallelism()): number {
  return n < MIN_INPUTS_FOR_THREADS ? 1 : Math.max(1, Math.min(available, 8));
}

const THREAD_ENTRY = new URL('./thread.js', import.meta.url);

/**
 * Extracts every input, in order. Yields outcomes (a result, or the failure of that input alone) in input order as soon
 * as each batch and all before it are done, so a caller can stream them out.
 */
export async function* extractInThreads(
  inputs: AsyncIterable<ExtractionInput> | Iterable<ExtractionInput>,
  options: ThreadOptions = {},
): AsyncGenerator<ExtractionOutcome> {
  const threads = options.threads ?? os.availableParallelism();
  const batchSize = options.batchSize ?? 32;
  if (threads <= 1) {
    const extractor = createShippedExtractor();
    let done = 0;
    for await (const input of inputs) {
      yield extractOrFail(input, extractor.extract);
      done += 1;
      if (done % 100 === 0) options.onProgress?.(done);
    }
    options.onProgress?.(done);
    return;
  }
  const pool = Array.from({ length: threads }, () => new Worker(THREAD_ENTRY));
  const idle: Worker[] = [...pool];
  const finished = new Map<number, ExtractionOutcome[]>();
  let wakeProducer: (() => void) | undefined;
  let wakeConsumer: (() => void) | undefined;
  let failure: Error | undefined;
  for (const worker of pool) {
    worker.on('message', (message: { seq: number; results: ExtractionOutcome[] }) => {
      finished.set(message.seq, message.results);
      idle.push(worker);
      wakeProducer?.();
      wakeConsumer?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wakeProducer?.();
      wakeConsumer?.();
    });
  }
  let sent = 0;
  let next = 0;
  let done = 0;
  let exhausted = false;
  const send = async (): Promise<void> => {
    let batch: ExtractionInput[] = [];
    const dispatch = async (): Promise<void> => {
      while (idle.length === 0 && !failure) await new Promise<void>((resolve) => (wakeProducer = resolve));
      if (failure) throw failure;
      idle.pop()!.postMessage({ seq: sent++, inputs: batch });
      batch = [];
    };
    for await (const input of inputs) {
      batch.push(input);
      if (batch.length >= batchSize) await dispatch();
      // Keep memory bounded when the consumer is slow: at most a few batches waiting per thread.
      while (finished.size > threads * 4 && !failure) await new Promise<void>((resolve) => (wakeProducer = resolve));
    }
    if (batch.length > 0) await dispatch();
    exhausted = true;
    wakeConsumer?.();
  };
  const producing = send().catch((error: Error) => {
    failure = error;
    wakeConsumer?.();
  });
  try {
    for (;;) {
      while (!finished.has(next) && !failure && !(exhausted && next >= sent))
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      if (failure) throw failure;
      if (exhausted && next >= sent) break;
      const results = finished.get(next)!;
      finished.delete(next);
      next += 1;
      wakeProducer?.();
      for (const result of results) yield result;
      done += results.length;
      options.onProgress?.(done);
    }
    await producing;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
