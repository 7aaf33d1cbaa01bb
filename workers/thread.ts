/** Body of an extraction thread: receives batches of inputs, answers with each one's result or extraction failure. */
import { parentPort } from 'node:worker_threads';
import type { ExtractionInput } from '../pipeline/core/types.js';
// The module alone, not the workers barrel: a thread needs no BullMQ.
import { createShippedExtractor } from './extractor.js';
import { extractOrFail } from './threads.js';

// The thread's one extractor, made when the thread starts.
const extractor = createShippedExtractor();

parentPort?.on('message', (batch: { seq: number; inputs: ExtractionInput[] }) => {
  parentPort!.postMessage({
    seq: batch.seq,
    results: batch.inputs.map((input) => extractOrFail(input, extractor.extract)),
  });
});
