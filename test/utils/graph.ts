/** The seeds graph for graph tests, extracted once per test file. */
import { buildKnowledgeGraph, type KnowledgeGraphOptions } from '../../graph/index.js';
import { extract, resolveCorpusAcronyms } from '../../pipeline/extract/index.js';
import type { ExtractionResult, Paper } from '../../pipeline/types.js';
import { seedPapers } from './papers.js';

let cache: { papers: Paper[]; results: ExtractionResult[] } | undefined;

/** Seed papers and their (corpus-resolved) extraction results. */
export function seedExtraction(): { papers: Paper[]; results: ExtractionResult[] } {
  if (!cache) {
    const papers = seedPapers();
    cache = { papers, results: resolveCorpusAcronyms(papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract }))) };
  }
  return cache;
}

/** The seeds knowledge graph with fixed metadata. */
export function seedGraph(options: KnowledgeGraphOptions = {}) {
  const { papers, results } = seedExtraction();
  return buildKnowledgeGraph(papers, results, { createdAt: '2026-01-01T00:00:00.000Z', versions: { kg: 'test', extractor: 'test' }, ...options });
}
