/**
 * The one way from extraction results to the graph, used by `kg run`, the tests and the benchmarks alike: the corpus
 * step (pipeline/extract/corpus.ts: lists, acronyms, metric suffixes, names, senses) over the papers that have a
 * result, then {@link buildKnowledgeGraph}. A test or a benchmark that builds its graph here measures what users get.
 */
import { resolveCorpus } from '../pipeline/extract/corpus.js';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';
import { buildKnowledgeGraph, type GraphStage, type KnowledgeGraphOptions } from './knowledge.js';
import type { PaperRecord } from './snapshot.js';
import type { KnowledgeGraph } from './core/types.js';

/** The stages of {@link buildCorpusGraph}, in order: the corpus step, then those of buildKnowledgeGraph. */
export type CorpusGraphStage = 'resolve' | GraphStage;

/** Options of {@link buildCorpusGraph}: buildKnowledgeGraph's, but the name variants, which the corpus step finds. */
export interface CorpusGraphOptions extends Omit<KnowledgeGraphOptions, 'variants' | 'onStage'> {
  /**
   * Called as each stage ends. After `resolve` the unresolved results are read no more: a caller holding many can
   * drop them then (`kg run` does, before the graph is built).
   */
  onStage?: (stage: CorpusGraphStage) => void;
}

/** A corpus's graph, and the papers and results it was built from. */
export interface CorpusGraph {
  graph: KnowledgeGraph;
  /** The papers with an extraction result, in input order. */
  papers: Paper[];
  /** Their corpus-resolved results. */
  results: ExtractionResult[];
}

/** The corpus step's output: the papers kept, their resolved results, and the name variants the graph records. */
export interface ResolvedCorpus {
  /** The papers with an extraction result (a paper whose extraction failed is left out), in input order. */
  papers: Paper[];
  /** Their corpus-resolved results (copies: the inputs are not changed). */
  results: ExtractionResult[];
  /** Entity key → the key it was merged into (see resolveCorpus). */
  variants: Map<string, string>;
}

/** The corpus step over papers and their extraction results (by paper id, or as a list); papers without a result are left out. */
export function resolvePapers(
  papers: readonly Paper[],
  results: ReadonlyMap<string, ExtractionResult> | readonly ExtractionResult[],
): ResolvedCorpus {
  const byId: ReadonlyMap<string, ExtractionResult> = isList(results)
    ? new Map(results.map((r) => [r.id, r]))
    : results;
  const kept = papers.filter((paper) => byId.has(paper.id));
  const texts = new Map(kept.map((paper) => [paper.id, `${paper.title}\n${paper.abstract}`]));
  const { results: resolved, variants } = resolveCorpus(
    kept.map((paper) => byId.get(paper.id)!),
    (id) => texts.get(id),
  );
  return { papers: kept, results: resolved, variants };
}

/** Papers and their extraction results → the corpus step ({@link resolvePapers}) → the knowledge graph. Pure: same inputs, same graph. */
export function buildCorpusGraph(
  papers: readonly Paper[],
  results: ReadonlyMap<string, ExtractionResult> | readonly ExtractionResult[],
  options: CorpusGraphOptions = {},
): CorpusGraph {
  const resolved = resolvePapers(papers, results);
  options.onStage?.('resolve');
  const graph = buildKnowledgeGraph(resolved.papers, resolved.results, { ...options, variants: resolved.variants });
  return { graph, papers: resolved.papers, results: resolved.results };
}

/** The snapshot's paper records of a corpus graph: each paper with its resolved mentions, relations and results. */
export function corpusRecords(corpus: Pick<CorpusGraph, 'papers' | 'results'>): PaperRecord[] {
  const byId = new Map(corpus.results.map((r) => [r.id, r]));
  return corpus.papers.map((paper) => {
    const result = byId.get(paper.id)!;
    // Results only where there are some: most abstracts state none, and papers.jsonl stays as it was for them.
    const results = result.results !== undefined && result.results.length > 0 ? { results: result.results } : {};
    return { ...paper, mentions: result.mentions, relations: result.relations, ...results };
  });
}

function isList(
  results: ReadonlyMap<string, ExtractionResult> | readonly ExtractionResult[],
): results is readonly ExtractionResult[] {
  return Array.isArray(results);
}
