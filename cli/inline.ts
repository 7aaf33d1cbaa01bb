/** In-process extraction (the embedded default): the workers' validation and extractor, on this machine's cores. */
import type { ExtractionInput, ExtractionResult, Paper } from '../pipeline/types.js';
import { paperJob, parsePaperJob, type FailedPaper } from '../workers/index.js';
import { extractInThreads, threadsFor } from './thread-pool.js';

/** Extracts every paper without Redis; a paper the processor would refuse is reported, never thrown. */
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
  for await (const result of extractInThreads(inputs, { threads, onProgress })) results.set(result.id, result);
  return { results, failed, threads };
}
