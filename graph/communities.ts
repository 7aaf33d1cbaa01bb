/**
 * Topic communities: Louvain (Blondel et al. 2008, "Fast unfolding of communities in large networks") on the weighted
 * entity co-occurrence projection, seeded; entities outside the projection and papers join by majority; ids are
 * renumbered canonically and each community is labelled by its most distinctive terms.
 */
import seedrandom from 'seedrandom';
import { UsageError } from '../pipeline/core/errors.js';
import { compareKeys } from './build.js';
import { DEFAULT_SEED } from './defaults.js';
import { louvain } from './interop.js';
import { labelCommunities } from './labels.js';
import { coOccurrenceProjection, mentionIndex } from './projection.js';
import type { CommunityInfo, KnowledgeGraph } from './core/types.js';

/** Options of {@link communities}. */
export interface CommunityOptions {
  /** Seed of Louvain's random node order. @defaultValue {@link DEFAULT_SEED} */
  seed: number;
  /** Louvain resolution: above 1 gives more, smaller communities. @defaultValue 1 */
  resolution: number;
  /**
   * Communities with fewer entities share one "other" community (the last id): Louvain leaves many two-node
   * components that would only crowd a legend. @defaultValue 3
   */
  minCommunitySize: number;
  /** At most this many topic communities (the largest); the rest join "other", so a legend stays readable. @defaultValue 40 */
  maxCommunities: number;
  /** Terms in a community's label. @defaultValue 3 */
  labelTerms: number;
  /** Terms kept in `topTerms`. @defaultValue 10 */
  topTerms: number;
}

/** Defaults of {@link communities}. */
export const DEFAULT_COMMUNITY_OPTIONS: Readonly<CommunityOptions> = {
  seed: DEFAULT_SEED,
  resolution: 1,
  minCommunitySize: 3,
  maxCommunities: 40,
  labelTerms: 3,
  topTerms: 10,
};

/** Fills unset (or undefined) options with {@link DEFAULT_COMMUNITY_OPTIONS} and checks them. */
export function resolveCommunityOptions(options: Partial<CommunityOptions> = {}): CommunityOptions {
  const resolved = { ...DEFAULT_COMMUNITY_OPTIONS };
  for (const name of Object.keys(DEFAULT_COMMUNITY_OPTIONS) as (keyof CommunityOptions)[]) {
    const value = options[name];
    if (value === undefined) continue;
    const ok =
      name === 'resolution'
        ? Number.isFinite(value) && value > 0
        : Number.isInteger(value) && value >= (name === 'seed' ? 0 : 1);
    if (!ok)
      throw new UsageError(
        `graph: ${name} must be ${name === 'resolution' ? 'a number above 0' : 'a whole number'}, got ${JSON.stringify(value)}`,
      );
    resolved[name] = value;
  }
  return resolved;
}

/** What {@link communities} finds: a community for every node, the partition's modularity and a description of each community. */
export interface CommunityDetection {
  /** Node key → community id, for every node (entities and papers), in graph order. */
  communities: Map<string, number>;
  /** Modularity of Louvain's partition of the co-occurrence projection (before small communities are merged). */
  modularity: number;
  /** One per id in use, by id; the "other" bucket, if any, is last. */
  infos: CommunityInfo[];
  /** Id of the "other" community (one past the last topic), whether or not any node is in it. */
  other: number;
}

/** Majority vote; ties go to the smaller id. */
function majority(votes: Map<number, number>): number | undefined {
  let best: number | undefined;
  let most = 0;
  for (const [id, n] of votes) {
    if (n > most || (n === most && best !== undefined && id < best)) {
      best = id;
      most = n;
    }
  }
  return best;
}

/** Numbers groups 0..k-1 by size (largest first), ties by smallest member key: independent of how they were found. */
function canonicalOrder(groups: Map<number, string[]>): Map<number, number> {
  const order = [...groups]
    .map(([id, members]) => ({
      id,
      size: members.length,
      first: members.reduce((a, b) => (compareKeys(a, b) <= 0 ? a : b)),
    }))
    .sort((a, b) => b.size - a.size || compareKeys(a.first, b.first));
  return new Map(order.map((c, i) => [c.id, i]));
}

function groupBy(assignment: Map<string, number>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const [node, id] of assignment) {
    let members = groups.get(id);
    if (!members) groups.set(id, (members = []));
    members.push(node);
  }
  return groups;
}

/**
 * Finds communities without touching the graph. Entities outside the projection take the majority community of
 * the papers that mention them; papers take the community most of their mentions (of projected entities) are in.
 * Small communities, the ones past `maxCommunities`, and nodes with nothing to vote for (a paper without
 * entities) go to the "other" community, so every node has an id listed in `infos`.
 */
export function communities(graph: KnowledgeGraph, partial: Partial<CommunityOptions> = {}): CommunityDetection {
  const options = resolveCommunityOptions(partial);
  const projection = coOccurrenceProjection(graph);
  let modularity = 0;
  const found = new Map<string, number>();
  if (projection.size > 0) {
    const detailed = louvain.detailed(projection, {
      getEdgeWeight: 'weight',
      resolution: options.resolution,
      rng: seedrandom(String(options.seed)),
    });
    modularity = detailed.modularity;
    projection.forEachNode((node) => found.set(node, detailed.communities[node]!));
  }
  // Louvain's own numbering depends on its visiting order; renumber first so every tie below is canonical.
  const first = canonicalOrder(groupBy(found));
  const entity = new Map([...found].map(([node, id]) => [node, first.get(id)!]));

  const { entitiesOf, papersOf } = mentionIndex(graph);
  const paper = new Map<string, number>();
  for (const [node, mentioned] of entitiesOf) {
    const votes = new Map<number, number>();
    for (const { entity: target, count } of mentioned) {
      const id = entity.get(target);
      if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + count);
    }
    const id = majority(votes);
    if (id !== undefined) paper.set(node, id);
  }
  for (const [node, papers] of papersOf) {
    if (entity.has(node)) continue;
    const votes = new Map<number, number>();
    for (const source of papers) {
      const id = paper.get(source);
      if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    const id = majority(votes);
    if (id !== undefined) entity.set(node, id);
  }

  // Final ids by entity count; small and surplus communities, and unplaced nodes, share `other`.
  const groups = groupBy(entity);
  for (const [id, members] of groups) if (members.length < options.minCommunitySize) groups.delete(id);
  const final = canonicalOrder(groups);
  for (const [id, rank] of final) if (rank >= options.maxCommunities) final.delete(id);
  const other = final.size;
  const assignment = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    const id = attributes.kind === 'paper' ? paper.get(node) : entity.get(node);
    assignment.set(node, id === undefined ? other : (final.get(id) ?? other));
  });
  const infos = labelCommunities(graph, assignment, papersOf, {
    other,
    labelTerms: options.labelTerms,
    topTerms: options.topTerms,
  });
  return { communities: assignment, modularity, infos, other };
}

/**
 * Labels a detection's communities again from the graph as it is now, and writes them (`communities` on the graph):
 * run after `specificity.assign`, so that labels prefer specific terms. The partition is unchanged.
 */
export function relabelCommunities(
  graph: KnowledgeGraph,
  detection: CommunityDetection,
  partial: Partial<CommunityOptions> & { umbrellaBelow?: number } = {},
): CommunityInfo[] {
  const options = resolveCommunityOptions(partial);
  const { papersOf } = mentionIndex(graph);
  const infos = labelCommunities(graph, detection.communities, papersOf, {
    other: detection.other,
    labelTerms: options.labelTerms,
    topTerms: options.topTerms,
    ...(partial.umbrellaBelow === undefined ? {} : { umbrellaBelow: partial.umbrellaBelow }),
  });
  graph.setAttribute('communities', infos);
  return infos;
}

/** Finds communities and writes them: `community` on every node, `communities` and `modularity` on the graph. */
communities.assign = function assign(
  graph: KnowledgeGraph,
  partial: Partial<CommunityOptions> = {},
): CommunityDetection {
  const detection = communities(graph, partial);
  for (const [node, id] of detection.communities) graph.setNodeAttribute(node, 'community', id);
  graph.setAttribute('communities', detection.infos);
  graph.setAttribute('modularity', detection.modularity);
  return detection;
};
