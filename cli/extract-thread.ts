/** Body of an extraction thread: receives batches of inputs, answers with the extractor's results (never throws on a text). */
import { parentPort } from 'node:worker_threads';
import { extract } from '../pipeline/extract/index.js';
import type { ExtractionInput } from '../pipeline/types.js';

parentPort?.on('message', (batch: { seq: number; inputs: ExtractionInput[] }) => {
  parentPort!.postMessage({ seq: batch.seq, results: batch.inputs.map((input) => extract(input)) });
});
