/** The graph stage: build the graphology graph, find communities, lay it out, save and load snapshots. */
import type { ExtractionResult, Paper } from '../pipeline/types.js';
import { buildGraph, type BuildOptions } from './build.js';
import { communities, type CommunityOptions } from './communities.js';
import { layout } from './layout.js';
import type { KnowledgeGraph } from './types.js';

export type * from './types.js';
export { buildGraph, createKnowledgeGraph, DEFAULT_BUILD_OPTIONS, resolveBuildOptions, paperNode, entityNode, type BuildOptions } from './build.js';
export { communities, coOccurrenceProjection, DEFAULT_COMMUNITY_OPTIONS, resolveCommunityOptions, type CommunityOptions, type CommunityDetection } from './communities.js';
export { layout, DEFAULT_LAYOUT_OPTIONS, defaultIterations, type LayoutOptions } from './layout.js';
export { labelCommunities } from './labels.js';
export { saveSnapshot, loadSnapshot, loadSnapshotPapers, SNAPSHOT_FORMAT, type PaperRecord, type SnapshotManifest } from './snapshot.js';

/** Options of {@link buildKnowledgeGraph}: the stages' options plus what the graph records about its making. */
export interface KnowledgeGraphOptions extends Partial<BuildOptions>, Partial<Omit<CommunityOptions, 'seed'>> {
  /** Seed of communities and layout. @defaultValue 42 */
  seed?: number;
  /** ForceAtlas2 iterations (default by size). */
  iterations?: number;
  /** Recorded as the graph's `createdAt`; pass the clock's time (graph/ reads no clock). @defaultValue '' */
  createdAt?: string;
  versions?: { kg: string; extractor: string };
  sources?: string[];
  name?: string;
}

/** Build → communities → layout, with the graph attributes set: the graph `kg run` saves. */
export function buildKnowledgeGraph(papers: readonly Paper[], results: readonly ExtractionResult[] | ReadonlyMap<string, ExtractionResult>, options: KnowledgeGraphOptions = {}): KnowledgeGraph {
  const seed = options.seed ?? 42;
  const graph = buildGraph(papers, results, options);
  let paperCount = 0;
  graph.forEachNode((_node, attributes) => {
    if (attributes.kind === 'paper') paperCount += 1;
  });
  graph.replaceAttributes({
    name: options.name ?? 'kg',
    createdAt: options.createdAt ?? '',
    versions: options.versions ?? { kg: 'unknown', extractor: 'unknown' },
    sources: options.sources ?? [],
    papers: paperCount,
    entities: graph.order - paperCount,
    communities: [],
    modularity: 0,
    seed,
  });
  communities.assign(graph, { ...options, seed });
  layout.assign(graph, { seed, iterations: options.iterations });
  return graph;
}
