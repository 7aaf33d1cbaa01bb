/** The graph stage: build the graphology graph, find communities, lay it out, save and load snapshots. */
import type { ExtractionResult, Paper } from '../pipeline/types.js';
import { buildGraph, type BuildOptions } from './build.js';
import { communities, type CommunityOptions } from './communities.js';
import { layout, type LayoutOptions } from './layout.js';
import type { GraphAttributes, KnowledgeGraph } from './types.js';

export type * from './types.js';
export { buildGraph, createKnowledgeGraph, compareKeys, DEFAULT_BUILD_OPTIONS, resolveBuildOptions, paperNode, entityNode, type BuildOptions } from './build.js';
export { communities, DEFAULT_COMMUNITY_OPTIONS, resolveCommunityOptions, type CommunityOptions, type CommunityDetection } from './communities.js';
export { coOccurrenceProjection, coOccurrencePairs, mentionIndex, type MentionIndex, type Projection, type ProjectionNode, type WeightedPair } from './projection.js';
export { layout, DEFAULT_LAYOUT_OPTIONS, resolveLayoutOptions, defaultIterations, type LayoutOptions, type Point } from './layout.js';
export { labelCommunities, KIND_WEIGHT, type LabelOptions } from './labels.js';
export { saveSnapshot, loadSnapshot, loadManifest, loadSnapshotPapers, SNAPSHOT_FORMAT, SNAPSHOT_FILES, type PaperRecord, type SnapshotManifest } from './snapshot.js';
export { indexedTraceSource, TRACE_INDEX_FILES, TRACE_INDEX_FORMAT, TRACE_INDEX_RELATED } from './trace-index.js';

/** The seed communities and layout use when none is given. */
export const DEFAULT_SEED = 42;

/** Options of {@link buildKnowledgeGraph}: the stages' options (one `seed` for communities and layout) plus what the graph records about its making. */
export interface KnowledgeGraphOptions extends Partial<BuildOptions>, Partial<CommunityOptions>, Partial<Omit<LayoutOptions, 'seed'>> {
  /** Recorded as the graph's `createdAt`; the caller passes the clock's time, graph/ reads no clock. @defaultValue '' */
  createdAt?: string;
  /** @defaultValue `{ kg: 'unknown', extractor: 'unknown' }` */
  versions?: GraphAttributes['versions'];
  /** Source files or folders the papers came from. @defaultValue [] */
  sources?: string[];
  /** @defaultValue 'kg' */
  name?: string;
  /** Called as each stage ends (for timings: the caller reads the clock, graph/ does not). */
  onStage?: (stage: GraphStage) => void;
}

/** The stages of {@link buildKnowledgeGraph}, in order. */
export type GraphStage = 'build' | 'communities' | 'layout';

/** Build → communities → layout, with every graph attribute set: the graph `kg run` saves. Pure: same inputs, same graph. */
export function buildKnowledgeGraph(
  papers: readonly Paper[],
  results: readonly ExtractionResult[] | ReadonlyMap<string, ExtractionResult>,
  options: KnowledgeGraphOptions = {},
): KnowledgeGraph {
  const graph = buildGraph(papers, results, options);
  options.onStage?.('build');
  const detection = communities.assign(graph, options);
  options.onStage?.('communities');
  layout.assign(graph, options);
  options.onStage?.('layout');
  let paperCount = 0;
  graph.forEachNode((_node, attributes) => {
    if (attributes.kind === 'paper') paperCount += 1;
  });
  // Set in a fixed order, so the export's attribute order does not depend on the stages.
  graph.replaceAttributes({
    name: options.name ?? 'kg',
    createdAt: options.createdAt ?? '',
    versions: options.versions ?? { kg: 'unknown', extractor: 'unknown' },
    sources: [...(options.sources ?? [])],
    papers: paperCount,
    entities: graph.order - paperCount,
    communities: detection.infos,
    modularity: detection.modularity,
    seed: options.seed ?? DEFAULT_SEED,
    build: graph.getAttribute('build'),
  });
  return graph;
}
export { trace, snapshotTraceSource, traceCandidate, chooseCandidate, suggestions, editDistance, allowedEdits, sentenceAt, type TraceSource, type TraceResult, type TraceCandidate, type TraceRelated, type TracePaperInput } from './trace.js';
