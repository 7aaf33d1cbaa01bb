/**
 * Community labels: each community named by the terms most over-represented in its papers (a tf × log-lift score),
 * specific terms first when entities carry a `specificity` (graph/specificity.ts).
 */
import { compareKeys } from './build.js';
import type { EntityKind } from '../pipeline/core/types.js';
import type { CommunityInfo, EntityAttributes, KnowledgeGraph } from './core/types.js';

/** How much each kind counts when naming a topic: methods and tasks name a field better than metrics or concepts. */
export const KIND_WEIGHT: Readonly<Record<EntityKind, number>> = {
  method: 1,
  task: 1,
  dataset: 0.8,
  metric: 0.5,
  concept: 0.6,
};

/** Options of {@link labelCommunities}. */
export interface LabelOptions {
  /** Id of the "other" community; ids below it are topics. */
  other: number;
  /** Terms in the label. */
  labelTerms: number;
  /** Terms kept in `topTerms`. */
  topTerms: number;
  /** Entities whose `specificity` is below this name a community only after every specific member. @defaultValue 0.5 */
  umbrellaBelow?: number;
}

interface Scored {
  label: string;
  key: string;
  umbrella: boolean;
  score: number;
  fallback: number;
}

/**
 * Describes every community in use. A member entity scores tf × log(lift) × kind weight, where tf is the number of
 * the community's papers that mention it and lift = (tf / papers of the community) / (its papers / all papers): terms
 * frequent here and rare elsewhere, so ubiquitous words ("it", "model") lose to "machine translation". Members never
 * seen in the community's own papers fall back to their paper count. Where entities have a `specificity`, both are
 * multiplied by it and umbrella members (below `umbrellaBelow`) come after all others, so "features" or "NLP" name a
 * community only when nothing specific can. `papersOf` lists each entity's paper nodes.
 */
export function labelCommunities(
  graph: KnowledgeGraph,
  community: ReadonlyMap<string, number>,
  papersOf: ReadonlyMap<string, readonly string[]>,
  options: LabelOptions,
): CommunityInfo[] {
  const count = options.other + 1;
  const papers = new Array<number>(count).fill(0);
  const sizes = new Array<number>(count).fill(0);
  let total = 0;
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    papers[community.get(node)!]! += 1;
    total += 1;
  });
  const scored: Scored[][] = Array.from({ length: count }, () => []);
  const umbrellaBelow = options.umbrellaBelow ?? 0.5;
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'paper') return;
    const entity = attributes as EntityAttributes;
    const id = community.get(node)!;
    sizes[id]! += 1;
    let tf = 0;
    for (const source of papersOf.get(node) ?? []) if (community.get(source) === id) tf += 1;
    const specificity = entity.specificity ?? 1;
    const weight = KIND_WEIGHT[entity.kind] * specificity;
    const lift = papers[id]! > 0 ? tf / papers[id]! / (entity.paperCount / total) : 0;
    scored[id]!.push({
      label: entity.label,
      key: entity.key,
      umbrella: specificity < umbrellaBelow,
      score: tf > 0 && lift > 1 ? tf * Math.log(lift) * weight : 0,
      fallback: entity.paperCount * weight,
    });
  });

  const infos: CommunityInfo[] = [];
  for (let id = 0; id < count; id++) {
    if (sizes[id] === 0 && papers[id] === 0) continue;
    const terms: string[] = [];
    const seen = new Set<string>();
    for (const entry of scored[id]!.sort(
      (a, b) =>
        Number(a.umbrella) - Number(b.umbrella) ||
        b.score - a.score ||
        b.fallback - a.fallback ||
        compareKeys(a.key, b.key),
    )) {
      const folded = entry.label.toLowerCase();
      if (seen.has(folded) || entry.label.length < 2) continue;
      seen.add(folded);
      terms.push(entry.label);
      if (terms.length >= options.topTerms) break;
    }
    const other = id === options.other;
    const named = terms.slice(0, options.labelTerms).join(' · ');
    infos.push({
      id,
      label: other ? 'other' : named || `community ${id}`,
      kind: other ? 'other' : 'topic',
      size: sizes[id]!,
      papers: papers[id]!,
      topTerms: terms,
    });
  }
  return infos;
}
