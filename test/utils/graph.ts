/** The seeds graph for graph tests: papers extracted once per test file, graphs built with fixed metadata. */
import { buildKnowledgeGraph, type KnowledgeGraphOptions } from '../../graph/index.js';
import { createExtractor, loadModels, resolveCorpus } from '../../pipeline/extract/index.js';
import type { ExtractionResult, Paper } from '../../pipeline/types.js';
import { seedPapers } from './papers.js';

let cache: { papers: Paper[]; results: ExtractionResult[]; variants: Map<string, string> } | undefined;

/** Seed papers and their (corpus-resolved) extraction results, computed once per test file (about 3 s). */
export function seedExtraction(): { papers: Paper[]; results: ExtractionResult[]; variants: Map<string, string> } {
  if (!cache) {
    const papers = seedPapers();
    const texts = new Map(papers.map((p) => [p.id, `${p.title}\n${p.abstract}`]));
    const { extract } = createExtractor({ models: loadModels() });
    const { results, variants } = resolveCorpus(
      papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract })),
      (id) => texts.get(id),
    );
    cache = { papers, results, variants };
  }
  return cache;
}

/** Options every test graph gets: fixed metadata, and a short layout (tests check invariants, not beauty). */
export const TEST_GRAPH_OPTIONS: KnowledgeGraphOptions = { createdAt: '2026-01-01T00:00:00.000Z', versions: { kg: 'test', extractor: 'test' }, iterations: 30 };

/** The seeds knowledge graph. */
export function seedGraph(options: KnowledgeGraphOptions = {}) {
  const { papers, results, variants } = seedExtraction();
  return buildKnowledgeGraph(papers, results, { ...TEST_GRAPH_OPTIONS, variants, ...options });
}
