/** Community labels: each community named by its most distinctive terms (tf-idf over the papers of the community). */
import type { CommunityInfo, EntityAttributes, KnowledgeGraph } from './types.js';

/** How much each kind counts when naming a topic: methods and tasks name a field better than generic concepts. */
const KIND_WEIGHT: Record<EntityAttributes['kind'], number> = { method: 1, task: 1, dataset: 0.8, metric: 0.5, concept: 0.7 };

/** Options of {@link labelCommunities}. */
export interface LabelOptions {
  /** Number of community ids (0 … count-1). */
  count: number;
  /** Id of the "other" community (small and unplaced topics). */
  other: number;
  labelTerms: number;
  topTerms: number;
}

/**
 * Scores each entity of a community by tf × idf × kind weight, where tf is the number of the community's papers that
 * mention it and idf is log(papers / papers mentioning it anywhere): frequent here, rare elsewhere.
 */
export function labelCommunities(graph: KnowledgeGraph, community: ReadonlyMap<string, number>, options: LabelOptions): CommunityInfo[] {
  let papers = 0;
  graph.forEachNode((_node, attributes) => {
    if (attributes.kind === 'paper') papers += 1;
  });
  const scored: { label: string; score: number; key: string }[][] = Array.from({ length: options.count }, () => []);
  const sizes = new Array<number>(options.count).fill(0);
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'paper') return;
    const id = community.get(node)!;
    sizes[id] = (sizes[id] ?? 0) + 1;
    let tf = 0;
    graph.forEachInEdge(node, (_edge, _attributes, source) => {
      if (community.get(source) === id) tf += 1;
    });
    const idf = Math.log(1 + papers / Math.max(1, attributes.paperCount));
    scored[id]!.push({ label: attributes.label, key: attributes.key, score: Math.max(tf, 0.5) * idf * KIND_WEIGHT[attributes.kind] });
  });
  const infos: CommunityInfo[] = [];
  for (let id = 0; id < options.count; id++) {
    const size = sizes[id] ?? 0;
    if (size === 0) continue;
    const terms: string[] = [];
    const seen = new Set<string>();
    for (const entry of scored[id]!.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const folded = entry.label.toLowerCase();
      if (seen.has(folded) || entry.label.length < 2) continue;
      seen.add(folded);
      terms.push(entry.label);
      if (terms.length >= options.topTerms) break;
    }
    const named = terms.slice(0, options.labelTerms).join(' · ');
    infos.push({ id, label: id === options.other ? `other: ${named}` : named, size, topTerms: terms });
  }
  return infos;
}
