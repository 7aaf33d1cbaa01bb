/** Graphs for graph tests, built as `kg run` builds them (buildCorpusGraph): the seeds extracted once per test file, fixed metadata. */
import { buildCorpusGraph, resolvePapers, type CorpusGraph, type CorpusGraphOptions } from '../../graph/index.js';
import { createExtractor, loadModels, type Extractor } from '../../pipeline/extract/index.js';
import type { ExtractionResult, Paper } from '../../pipeline/core/types.js';
import { seedPapers } from './papers.js';

let cache: { papers: Paper[]; extracted: ExtractionResult[] } | undefined;
let resolved: { papers: Paper[]; results: ExtractionResult[]; variants: Map<string, string> } | undefined;
let extractor: Extractor | undefined;

/** Each paper's extraction result, before the corpus step, by an extractor on the shipped models (loaded once per test file). */
export function extractPapers(papers: readonly Paper[]): ExtractionResult[] {
  extractor ??= createExtractor({ models: loadModels() });
  const { extract } = extractor;
  return papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract }));
}

/** Seed papers and their extraction results, before the corpus step, computed once per test file (about 3 s). */
function seedExtracted(): { papers: Paper[]; extracted: ExtractionResult[] } {
  if (!cache) {
    const papers = seedPapers();
    cache = { papers, extracted: extractPapers(papers) };
  }
  return cache;
}

/** Seed papers and their extraction results after kg run's corpus step (resolvePapers), computed once per test file. */
export function seedExtraction(): { papers: Paper[]; results: ExtractionResult[]; variants: Map<string, string> } {
  if (!resolved) {
    const { papers, extracted } = seedExtracted();
    resolved = resolvePapers(papers, extracted);
  }
  return resolved;
}

/** Options every test graph gets: fixed metadata, and a short layout (tests check invariants, not beauty). */
export const TEST_GRAPH_OPTIONS: CorpusGraphOptions = {
  createdAt: '2026-01-01T00:00:00.000Z',
  versions: { kg: 'test', extractor: 'test' },
  iterations: 30,
};

/** The graph of some papers, extracted here and built as kg run builds it. */
export function corpusGraph(papers: readonly Paper[], options: CorpusGraphOptions = {}): CorpusGraph {
  return buildCorpusGraph(papers, extractPapers(papers), { ...TEST_GRAPH_OPTIONS, ...options });
}

/** The seeds knowledge graph. */
export function seedGraph(options: CorpusGraphOptions = {}) {
  const { papers, extracted } = seedExtracted();
  return buildCorpusGraph(papers, extracted, { ...TEST_GRAPH_OPTIONS, ...options }).graph;
}
