/**
 * Positions for every node: ForceAtlas2 (Jacomy et al. 2014, "ForceAtlas2, a continuous graph layout algorithm") on
 * the entity co-occurrence projection, started from a seeded picture where each community has its own spot on a
 * circle; papers at the centre of their entities, entities outside the projection at the centre of their papers.
 */
import { UndirectedGraph } from 'graphology';
import seedrandom from 'seedrandom';
import { UsageError } from '../pipeline/core/errors.js';
import { compareKeys } from './build.js';
import { DEFAULT_SEED } from './defaults.js';
import { forceAtlas2 } from './interop.js';
import { coOccurrencePairs, mentionIndex, type Projection, type WeightedPair } from './projection.js';
import type { KnowledgeGraph } from './core/types.js';

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** Seed of the starting positions and of the jitter. @defaultValue {@link DEFAULT_SEED} */
  seed: number;
  /** ForceAtlas2 iterations; `'auto'` runs fewer on bigger backbones (see {@link defaultIterations}). @defaultValue 'auto' */
  iterations: number | 'auto';
  /**
   * ForceAtlas2 runs on at most this many projected entities (those in the most papers); the rest of the projection is
   * placed at the weighted centre of its already placed neighbours. Barnes-Hut ForceAtlas2 costs about 25 ms an
   * iteration at 3,000 nodes and 350 ms at 27,000 (the ACL projection), so this keeps big corpora to a few seconds.
   * @defaultValue 3000
   */
  maxLayoutNodes: number;
  /** Barnes-Hut approximation (n log n repulsion instead of n²) from this many backbone nodes on. @defaultValue 500 */
  barnesHutFrom: number;
}

/** Defaults of {@link layout}. */
export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  seed: DEFAULT_SEED,
  iterations: 'auto',
  maxLayoutNodes: 3000,
  barnesHutFrom: 500,
};

/** Fills unset (or undefined) options with {@link DEFAULT_LAYOUT_OPTIONS} and checks them. */
export function resolveLayoutOptions(options: Partial<LayoutOptions> = {}): LayoutOptions {
  const resolved = { ...DEFAULT_LAYOUT_OPTIONS };
  for (const name of Object.keys(DEFAULT_LAYOUT_OPTIONS) as (keyof LayoutOptions)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (name === 'iterations' && value === 'auto') {
      resolved.iterations = value;
      continue;
    }
    if (!Number.isInteger(value) || (value as number) < (name === 'maxLayoutNodes' ? 1 : 0)) {
      throw new UsageError(
        `graph: ${name} must be a whole number${name === 'iterations' ? " or 'auto'" : ''}, got ${JSON.stringify(value)}`,
      );
    }
    (resolved as Record<string, unknown>)[name] = value;
  }
  return resolved;
}

/** Iterations for a backbone of `n` nodes: about 200,000 node-steps, between 50 and 200. */
export function defaultIterations(n: number): number {
  return Math.max(50, Math.min(200, Math.round(200_000 / Math.max(1, n))));
}

/** A point. */
export interface Point {
  x: number;
  y: number;
}

function centroid(points: Point[]): Point | undefined {
  if (points.length === 0) return undefined;
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}

/** Computes positions for every node without touching the graph; run after `communities.assign`, whose ids place the start. */
export function layout(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): Map<string, Point> {
  const options = resolveLayoutOptions(partial);
  const rng = seedrandom(`layout:${options.seed}`);
  const jitter = (scale: number): number => (rng() - 0.5) * 2 * scale;
  const pairs = coOccurrencePairs(graph);
  const adjacency = new Map<string, WeightedPair[]>();
  for (const pair of pairs) {
    for (const end of [pair.source, pair.target]) {
      let list = adjacency.get(end);
      if (!list) adjacency.set(end, (list = []));
      list.push(pair);
    }
  }
  const count = Math.max(1, (graph.getAttribute('communities') ?? []).length);
  const radius = Math.max(10, Math.sqrt(adjacency.size) * 2);
  const anchor = (community: number): Point => {
    const angle = (2 * Math.PI * Math.max(0, community)) / count;
    return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
  };

  // The backbone: the projected entities in the most papers (ties by key), started at their community's spot.
  const paperCount = (node: string): number => graph.getNodeAttribute(node, 'paperCount' as never) as number;
  const ranked = [...adjacency.keys()].sort((a, b) => paperCount(b) - paperCount(a) || compareKeys(a, b));
  const backbone: Projection = new UndirectedGraph();
  for (const node of ranked.slice(0, options.maxLayoutNodes)) {
    const a = anchor(graph.getNodeAttribute(node, 'community'));
    backbone.addNode(node, { x: a.x + jitter(radius / 4), y: a.y + jitter(radius / 4) });
  }
  for (const { source, target, weight } of pairs)
    if (backbone.hasNode(source) && backbone.hasNode(target)) backbone.addEdge(source, target, { weight });
  const positions = new Map<string, Point>();
  if (backbone.order > 0) {
    const settings = {
      ...forceAtlas2.inferSettings(backbone),
      barnesHutOptimize: backbone.order >= options.barnesHutFrom,
    };
    const iterations = options.iterations === 'auto' ? defaultIterations(backbone.order) : options.iterations;
    const result = forceAtlas2(backbone, { iterations, settings, getEdgeWeight: 'weight' });
    for (const node of ranked.slice(0, options.maxLayoutNodes)) positions.set(node, result[node]!);
  }
  // Jitter in proportion to the backbone's extent.
  let low = Infinity;
  let high = -Infinity;
  for (const p of positions.values()) {
    low = Math.min(low, p.x, p.y);
    high = Math.max(high, p.x, p.y);
  }
  const spread = Math.max(1, (high > low ? high - low : radius) / 200);
  // The rest of the projection, most papers first: at the weighted centre of the neighbours placed so far.
  for (const node of ranked.slice(options.maxLayoutNodes)) {
    let x = 0;
    let y = 0;
    let total = 0;
    for (const { source, target, weight } of adjacency.get(node)!) {
      const p = positions.get(source === node ? target : source);
      if (!p) continue;
      x += p.x * weight;
      y += p.y * weight;
      total += weight;
    }
    const a = total > 0 ? { x: x / total, y: y / total } : anchor(graph.getNodeAttribute(node, 'community'));
    positions.set(node, { x: a.x + jitter(spread * 2), y: a.y + jitter(spread * 2) });
  }

  // Papers at the centre of their projected entities (else their community's spot), then the other entities at the
  // centre of their papers; the jitter keeps papers with the same entities apart.
  const { entitiesOf, papersOf } = mentionIndex(graph);
  const placed = (nodes: readonly string[]): Point[] =>
    nodes.map((n) => positions.get(n)).filter((p): p is Point => p !== undefined);
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const a = centroid(placed((entitiesOf.get(node) ?? []).map((m) => m.entity))) ?? anchor(attributes.community);
    positions.set(node, { x: a.x + jitter(spread), y: a.y + jitter(spread) });
  });
  graph.forEachNode((node, attributes) => {
    if (positions.has(node)) return;
    const a = centroid(placed(papersOf.get(node) ?? [])) ?? anchor(attributes.community);
    positions.set(node, { x: a.x + jitter(spread), y: a.y + jitter(spread) });
  });
  for (const p of positions.values()) {
    if (!Number.isFinite(p.x)) p.x = 0;
    if (!Number.isFinite(p.y)) p.y = 0;
  }
  return positions;
}

/** A coordinate rounded to 2 decimals, never -0 (JSON writes -0 as 0, so a saved snapshot would differ from the graph). */
const round2 = (v: number): number => Math.round(v * 100) / 100 + 0;

/** Computes and writes `x`, `y` on every node (rounded to 2 decimals: plenty for drawing, and graph.json stays small). */
layout.assign = function assign(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): void {
  for (const [node, p] of layout(graph, partial)) graph.mergeNodeAttributes(node, { x: round2(p.x), y: round2(p.y) });
};
