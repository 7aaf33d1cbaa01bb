/** In-process extraction (the embedded default): the workers' validation and extractor, on this machine's cores. */
import type { ExtractionInput, ExtractionResult, Paper } from '../pipeline/core/types.js';
import { paperJob } from './job.js';
import { parsePaperJob } from './processor.js';
import type { FailedPaper } from './producer.js';
import { extractInThreads, isFailure, threadsFor } from './threads.js';

/** Extracts every paper without Redis; a paper the processor would refuse, or the extractor fails on, is reported, never thrown. */
export async function extractInline(
  papers: readonly Paper[],
  onProgress?: (done: number) => void,
  threads: number = threadsFor(papers.length),
): Promise<{ results: Map<string, ExtractionResult>; failed: FailedPaper[]; threads: number }> {
  const results = new Map<string, ExtractionResult>();
  const failed: FailedPaper[] = [];
  const inputs: ExtractionInput[] = [];
  for (const paper of papers) {
    try {
      const job = parsePaperJob(paperJob(paper));
      inputs.push({ id: job.id, title: job.title, abstract: job.abstract });
    } catch (error) {
      failed.push({ id: paper.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  for await (const outcome of extractInThreads(inputs, { threads, onProgress })) {
    if (isFailure(outcome)) failed.push({ id: outcome.id, reason: outcome.failed });
    else results.set(outcome.id, outcome);
  }
  return { results, failed, threads };
}
