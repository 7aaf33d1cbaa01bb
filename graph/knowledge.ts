/** The graph kg run saves, from extraction results: build, communities, specificity, layout, in one call. */
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';
import { buildGraph, type BuildInputs, type BuildOptions } from './build.js';
import { communities, relabelCommunities, type CommunityOptions } from './communities.js';
import { layout, type LayoutOptions } from './layout.js';
import { resolveSpecificityOptions, specificity, type SpecificityOptionsInput } from './specificity.js';
import type { GraphAttributes, KnowledgeGraph } from './core/types.js';
import { DEFAULT_SEED } from './defaults.js';

/** Options of {@link buildKnowledgeGraph}: the stages' options (one `seed` for communities and layout) plus what the graph records about its making. */
export interface KnowledgeGraphOptions
  extends Partial<BuildOptions>, BuildInputs, Partial<CommunityOptions>, Partial<Omit<LayoutOptions, 'seed'>> {
  /** Recorded as the graph's `createdAt`; the caller passes the clock's time, graph/ reads no clock. @defaultValue '' */
  createdAt?: string;
  /** @defaultValue `{ kg: 'unknown', extractor: 'unknown' }` */
  versions?: GraphAttributes['versions'];
  /** Source files or folders the papers came from. @defaultValue [] */
  sources?: string[];
  /** @defaultValue 'kg' */
  name?: string;
  /** Options of the specificity score (graph/specificity.ts). @defaultValue DEFAULT_SPECIFICITY_OPTIONS */
  specificity?: SpecificityOptionsInput;
  /** Called as each stage ends (for timings: the caller reads the clock, graph/ does not). */
  onStage?: (stage: GraphStage) => void;
}

/** The stages of {@link buildKnowledgeGraph}, in order. */
export type GraphStage = 'build' | 'communities' | 'specificity' | 'layout';

/**
 * Build → communities → specificity → layout, with every graph attribute set: the graph `kg run` saves. Pure: same
 * inputs, same graph. Specificity needs the communities (how a term's papers spread over them) and the community
 * labels need specificity (to prefer specific terms), so communities are labelled again once it is set; it comes
 * before the layout, which keeps apart the specific terms the explorer draws first.
 */
export function buildKnowledgeGraph(
  papers: readonly Paper[],
  results: readonly ExtractionResult[] | ReadonlyMap<string, ExtractionResult>,
  options: KnowledgeGraphOptions = {},
): KnowledgeGraph {
  const graph = buildGraph(papers, results, options);
  options.onStage?.('build');
  const detection = communities.assign(graph, options);
  options.onStage?.('communities');
  const specificityOptions = resolveSpecificityOptions(options.specificity);
  specificity.assign(graph, specificityOptions);
  const infos = relabelCommunities(graph, detection, { ...options, umbrellaBelow: specificityOptions.umbrellaBelow });
  options.onStage?.('specificity');
  layout.assign(graph, { ...options, umbrellaBelow: specificityOptions.umbrellaBelow });
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
    communities: infos,
    modularity: detection.modularity,
    seed: options.seed ?? DEFAULT_SEED,
    build: graph.getAttribute('build'),
  });
  return graph;
}
