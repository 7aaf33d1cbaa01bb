/**
 * Topic communities: Louvain (Blondel et al. 2008, "Fast unfolding of communities in large networks") on the weighted
 * entity co-occurrence projection, seeded; then entities outside the projection and papers join by majority, ids are
 * renumbered canonically and each community is labelled by its most distinctive terms.
 */
import { UndirectedGraph } from 'graphology';
import seedrandom from 'seedrandom';
import { louvain } from './interop.js';
import { labelCommunities } from './labels.js';
import type { CommunityInfo, KnowledgeGraph } from './types.js';

/** Options of {@link communities}. */
export interface CommunityOptions {
  /** Seed of Louvain's random walk. @defaultValue 42 */
  seed: number;
  /** Louvain resolution: above 1 gives more, smaller communities. @defaultValue 1 */
  resolution: number;
  /** Communities with fewer entities go to one "other" community (last id), so the legend stays readable. @defaultValue 3 */
  minCommunitySize: number;
  /** Terms in a community's label. @defaultValue 3 */
  labelTerms: number;
  /** Terms kept in `topTerms`. @defaultValue 10 */
  topTerms: number;
}

/** Defaults of {@link communities}. */
export const DEFAULT_COMMUNITY_OPTIONS: Readonly<CommunityOptions> = { seed: 42, resolution: 1, minCommunitySize: 3, labelTerms: 3, topTerms: 10 };

/** Fills unset options with {@link DEFAULT_COMMUNITY_OPTIONS}. */
export function resolveCommunityOptions(options: Partial<CommunityOptions> = {}): CommunityOptions {
  return { ...DEFAULT_COMMUNITY_OPTIONS, ...options };
}

/** What {@link communities} finds: a community for every node, the partition's modularity and a description of each community. */
export interface CommunityDetection {
  /** Node key → community id, for every node (entities and papers). */
  communities: Map<string, number>;
  /** Modularity of Louvain's partition of the co-occurrence projection. */
  modularity: number;
  infos: CommunityInfo[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The weighted entity co-occurrence graph that Louvain and the layout work on. */
export function coOccurrenceProjection(graph: KnowledgeGraph): UndirectedGraph<{ x?: number; y?: number }, { weight: number }> {
  const projection = new UndirectedGraph<{ x?: number; y?: number }, { weight: number }>();
  graph.forEachUndirectedEdge((edge, attributes, source, target) => {
    if (attributes.type !== 'CO_OCCURS') return;
    projection.mergeNode(source);
    projection.mergeNode(target);
    projection.addEdgeWithKey(edge, source, target, { weight: attributes.weight });
  });
  return projection;
}

/** Majority vote with a deterministic tie-break (the smaller id). */
function majority(votes: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestVotes = -1;
  for (const [id, n] of votes) {
    if (n > bestVotes || (n === bestVotes && best !== undefined && id < best)) {
      best = id;
      bestVotes = n;
    }
  }
  return best;
}

/** Finds communities without touching the graph. */
export function communities(graph: KnowledgeGraph, partial: Partial<CommunityOptions> = {}): CommunityDetection {
  const options = resolveCommunityOptions(partial);
  const projection = coOccurrenceProjection(graph);
  const raw = new Map<string, number>();
  let modularity = 0;
  if (projection.size > 0) {
    const detailed = louvain.detailed(projection, { getEdgeWeight: 'weight', resolution: options.resolution, rng: seedrandom(String(options.seed)) });
    modularity = detailed.modularity;
    for (const [node, id] of Object.entries(detailed.communities)) raw.set(node, id);
  }

  // Papers: the community most of their (projected) mentions belong to.
  const paperRaw = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const votes = new Map<number, number>();
    graph.forEachOutEdge(node, (_edge, edge, _source, target) => {
      const id = raw.get(target);
      if (edge.type === 'MENTIONS' && id !== undefined) votes.set(id, (votes.get(id) ?? 0) + edge.count);
    });
    const id = majority(votes);
    if (id !== undefined) paperRaw.set(node, id);
  });
  // Entities outside the projection (mentioned by one paper): the community of the papers that mention them.
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'paper' || raw.has(node)) return;
    const votes = new Map<number, number>();
    graph.forEachInEdge(node, (_edge, edge, source) => {
      const id = paperRaw.get(source);
      if (edge.type === 'MENTIONS' && id !== undefined) votes.set(id, (votes.get(id) ?? 0) + 1);
    });
    const id = majority(votes);
    if (id !== undefined) raw.set(node, id);
  });

  // Canonical ids: by size, then by smallest member key; small communities and unplaced nodes share the last id.
  const members = new Map<number, string[]>();
  graph.forEachNode((node, attributes) => {
    const id = raw.get(node);
    if (attributes.kind === 'paper' || id === undefined) return;
    let list = members.get(id);
    if (!list) members.set(id, (list = []));
    list.push(node);
  });
  const kept = [...members]
    .filter(([, list]) => list.length >= options.minCommunitySize)
    .map(([id, list]) => ({ id, size: list.length, first: list.reduce((a, b) => (compare(a, b) <= 0 ? a : b)) }))
    .sort((a, b) => b.size - a.size || compare(a.first, b.first));
  const renumber = new Map(kept.map((c, i) => [c.id, i]));
  const other = kept.length;
  const final = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    const id = attributes.kind === 'paper' ? paperRaw.get(node) : raw.get(node);
    final.set(node, id === undefined ? other : (renumber.get(id) ?? other));
  });
  const infos = labelCommunities(graph, final, { count: kept.length + 1, other, labelTerms: options.labelTerms, topTerms: options.topTerms });
  return { communities: final, modularity, infos };
}

/** Finds communities and writes them: `community` on every node, `communities` and `modularity` on the graph. */
communities.assign = function assign(graph: KnowledgeGraph, partial: Partial<CommunityOptions> = {}): CommunityDetection {
  const detection = communities(graph, partial);
  for (const [node, id] of detection.communities) graph.setNodeAttribute(node, 'community', id);
  graph.setAttribute('communities', detection.infos);
  graph.setAttribute('modularity', detection.modularity);
  return detection;
};
