/**
 * Positions for every node: ForceAtlas2 (Jacomy et al. 2014) on the entity co-occurrence projection, started from a
 * seeded layout where each community sits on its own spot of a circle; papers at the centre of their entities, and
 * entities outside the projection beside their paper.
 */
import seedrandom from 'seedrandom';
import { coOccurrenceProjection } from './communities.js';
import { forceAtlas2 } from './interop.js';
import type { KnowledgeGraph } from './types.js';

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** Seed of the starting positions and jitter. @defaultValue 42 */
  seed: number;
  /** ForceAtlas2 iterations; by default fewer on big graphs (Barnes-Hut keeps each one cheap). @defaultValue by size: 300 to 60 */
  iterations?: number;
}

/** Defaults of {@link layout}. */
export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = { seed: 42 };

/** Iterations for a projection of `n` nodes. */
export function defaultIterations(n: number): number {
  if (n <= 2000) return 300;
  if (n <= 10_000) return 120;
  return 60;
}

/** Computes positions for every node without touching the graph; communities must be assigned first. */
export function layout(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): Map<string, { x: number; y: number }> {
  const options = { ...DEFAULT_LAYOUT_OPTIONS, ...partial };
  const rng = seedrandom(`layout:${options.seed}`);
  const jitter = (scale: number): number => (rng() - 0.5) * 2 * scale;
  const projection = coOccurrenceProjection(graph);
  const count = Math.max(1, (graph.getAttribute('communities') ?? []).length);
  const radius = Math.max(10, Math.sqrt(projection.order) * 2);
  const anchor = (community: number): { x: number; y: number } => {
    const angle = (2 * Math.PI * community) / count;
    return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
  };

  const positions = new Map<string, { x: number; y: number }>();
  projection.forEachNode((node) => {
    const a = anchor(graph.getNodeAttribute(node, 'community'));
    projection.mergeNodeAttributes(node, { x: a.x + jitter(radius / 4), y: a.y + jitter(radius / 4) });
  });
  if (projection.order > 0) {
    const settings = { ...forceAtlas2.inferSettings(projection), barnesHutOptimize: projection.order > 2000 };
    const iterations = options.iterations ?? defaultIterations(projection.order);
    const result = forceAtlas2(projection, { iterations, settings, getEdgeWeight: 'weight' });
    for (const [node, p] of Object.entries(result)) positions.set(node, p);
  }

  // Papers: centroid of their placed entities (else their community's anchor); then the remaining entities near a paper.
  const spread = Math.max(1, radius / 20);
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    let x = 0;
    let y = 0;
    let n = 0;
    graph.forEachOutNeighbor(node, (neighbor) => {
      const p = positions.get(neighbor);
      if (p) {
        x += p.x;
        y += p.y;
        n += 1;
      }
    });
    const a = n > 0 ? { x: x / n, y: y / n } : anchor(attributes.community);
    positions.set(node, { x: a.x + jitter(spread), y: a.y + jitter(spread) });
  });
  graph.forEachNode((node, attributes) => {
    if (positions.has(node)) return;
    let placed: { x: number; y: number } | undefined;
    graph.forEachInNeighbor(node, (neighbor) => {
      placed ??= positions.get(neighbor);
    });
    const a = placed ?? anchor(attributes.community);
    positions.set(node, { x: a.x + jitter(spread), y: a.y + jitter(spread) });
  });
  for (const p of positions.values()) {
    if (!Number.isFinite(p.x)) p.x = 0;
    if (!Number.isFinite(p.y)) p.y = 0;
  }
  return positions;
}

/** Computes and writes `x`, `y` on every node. */
layout.assign = function assign(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): void {
  // Two decimals are plenty for drawing and keep graph.json small.
  for (const [node, p] of layout(graph, partial)) graph.mergeNodeAttributes(node, { x: Math.round(p.x * 100) / 100, y: Math.round(p.y * 100) / 100 });
};
