/** Views of the knowledge graph that communities and layout share: the entity co-occurrence projection and a MENTIONS index. */
import { UndirectedGraph } from 'graphology';
import type { KnowledgeGraph } from './core/types.js';

/** A projection node: only its position, while the layout runs. */
export interface ProjectionNode {
  x?: number;
  y?: number;
}

/** The weighted entity co-occurrence projection (a simple undirected graph). */
export type Projection = UndirectedGraph<ProjectionNode, { weight: number }>;

/** The entity nodes that have CO_OCCURS edges, and those edges with their weight, in the graph's (canonical) order. */
export function coOccurrenceProjection(graph: KnowledgeGraph): Projection {
  const projection: Projection = new UndirectedGraph();
  graph.forEachUndirectedEdge((_edge, attributes, source, target) => {
    if (attributes.type !== 'CO_OCCURS') return;
    if (!projection.hasNode(source)) projection.addNode(source);
    if (!projection.hasNode(target)) projection.addNode(target);
    projection.addEdge(source, target, { weight: attributes.weight });
  });
  return projection;
}

/** MENTIONS edges as plain lists, read in one pass over the edges (walking each node's edges costs several times more). */
export interface MentionIndex {
  /** Paper node → its entity nodes, with the mention count, in edge order. */
  entitiesOf: Map<string, { entity: string; count: number }[]>;
  /** Entity node → the paper nodes that mention it, in edge order. */
  papersOf: Map<string, string[]>;
}

/** Reads every MENTIONS edge once. */
export function mentionIndex(graph: KnowledgeGraph): MentionIndex {
  const entitiesOf = new Map<string, { entity: string; count: number }[]>();
  const papersOf = new Map<string, string[]>();
  graph.forEachDirectedEdge((_edge, attributes, source, target) => {
    if (attributes.type !== 'MENTIONS') return;
    let entities = entitiesOf.get(source);
    if (!entities) entitiesOf.set(source, (entities = []));
    entities.push({ entity: target, count: attributes.count });
    let papers = papersOf.get(target);
    if (!papers) papersOf.set(target, (papers = []));
    papers.push(source);
  });
  return { entitiesOf, papersOf };
}

/** One CO_OCCURS edge, as plain data. */
export interface WeightedPair {
  source: string;
  target: string;
  weight: number;
}

/** The CO_OCCURS edges as plain data, in the graph's order: cheaper than a graphology projection when only lists are needed. */
export function coOccurrencePairs(graph: KnowledgeGraph): WeightedPair[] {
  const pairs: WeightedPair[] = [];
  graph.forEachUndirectedEdge((_edge, attributes, source, target) => {
    if (attributes.type === 'CO_OCCURS') pairs.push({ source, target, weight: attributes.weight });
  });
  return pairs;
}
