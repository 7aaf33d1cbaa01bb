/** Body of an extraction thread: receives batches of inputs, answers with each one's result or extraction failure. */
import { parentPort } from 'node:worker_threads';
import { extract } from '../pipeline/extract/index.js';
import type { ExtractionInput } from '../pipeline/types.js';
import { extractOrFail } from './threads.js';

parentPort?.on('message', (batch: { seq: number; inputs: ExtractionInput[] }) => {
  parentPort!.postMessage({ seq: batch.seq, results: batch.inputs.map((input) => extractOrFail(input, extract)) });
});
