/** The graph the viewer draws: API payloads merged into one undirected graphology graph with sizes and colours. */
import Graph from 'graphology';
import { mapRadius, PAPER_RADIUS } from '../../graph/map-size.js';
import type { CommunityInfo } from '../../graph/core/types.js';
import type { ApiEdge, ApiGraph } from '../api/types.js';
import { legendPlanOf, planColor } from './legend.js';
import type { FilterableNode } from './state.js';

/** A drawn node: what the filters read plus sigma's display attributes. */
export interface DisplayNode extends FilterableNode {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** `border` for papers (ring), sigma's default circle for entities. */
  type?: string;
  borderColor?: string;
}

/** A drawn edge: the CO_OCCURS weight (or MENTIONS count) and every relation type between the two ends. */
export interface DisplayEdge {
  weight: number;
  types: ApiEdge['type'][];
  size: number;
  color: string;
}

/** The viewer's graph type. */
export type DisplayGraph = Graph<DisplayNode, DisplayEdge>;

/** Creates an empty display graph: undirected and simple, since the map draws one line per pair. */
export function createDisplayGraph(): DisplayGraph {
  return new Graph<DisplayNode, DisplayEdge>({ type: 'undirected', multi: false, allowSelfLoops: false });
}

/**
 * Node radius in layout units (the renderer draws sizes in graph coordinates, `itemSizesReference: 'positions'`): the
 * layout's own rule, which kept the circles of the map's first view apart at exactly these sizes.
 */
export function nodeSize(paperCount: number, kind: string): number {
  return kind === 'paper' ? PAPER_RADIUS : mapRadius(paperCount);
}

/** The box the nodes' circles cover, in graph coordinates: the camera frames it, so no hub is cut at the edge. */
export function mapExtent(graph: DisplayGraph): { x: [number, number]; y: [number, number] } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  graph.forEachNode((_node, a) => {
    x0 = Math.min(x0, a.x - a.size);
    y0 = Math.min(y0, a.y - a.size);
    x1 = Math.max(x1, a.x + a.size);
    y1 = Math.max(y1, a.y + a.size);
  });
  return Number.isFinite(x0) ? { x: [x0, x1], y: [y0, y1] } : { x: [0, 1], y: [0, 1] };
}

/** Edge width: grows with the log of its weight. */
export function edgeSize(weight: number): number {
  return Math.min(4, 0.4 + 0.6 * Math.log2(Math.max(1, weight)));
}

/** Opaque and light: thousands of edges stay a haze behind the nodes (sigma blends translucent thin lines away). */
export const EDGE_COLOR = '#e4e7eb';

/**
 * Merges a payload into the graph (loading more data never moves or recolours what is there). Colours come from the
 * legend's plan of `communities` (legend.ts), the one the legend and the community labels use.
 */
export function mergePayload(
  graph: DisplayGraph,
  payload: Pick<ApiGraph, 'nodes' | 'edges'>,
  communities: readonly CommunityInfo[],
): void {
  const plan = legendPlanOf(communities);
  for (const node of payload.nodes) {
    if (graph.hasNode(node.key)) continue;
    const color = planColor(plan, node.community);
    const attributes: DisplayNode = {
      kind: node.kind,
      label: node.label,
      community: node.community,
      paperCount: node.paperCount,
      x: node.x,
      y: node.y,
      size: nodeSize(node.paperCount, node.kind),
      color,
    };
    if (node.firstSeen) attributes.firstSeen = node.firstSeen;
    if (node.lastSeen) attributes.lastSeen = node.lastSeen;
    if (node.specificity !== undefined) attributes.specificity = node.specificity;
    if (node.periods) attributes.periods = node.periods;
    if (node.kind === 'paper') {
      attributes.type = 'border';
      attributes.borderColor = color;
    }
    graph.addNode(node.key, attributes);
  }
  for (const edge of payload.edges) {
    if (edge.source === edge.target || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (graph.hasEdge(edge.source, edge.target)) {
      const existing = graph.getEdgeAttributes(edge.source, edge.target);
      if (existing.types.includes(edge.type)) continue;
      const weight = Math.max(existing.weight, edge.weight);
      graph.mergeEdgeAttributes(edge.source, edge.target, {
        types: [...existing.types, edge.type],
        weight,
        size: edgeSize(weight),
      });
    } else {
      graph.addEdge(edge.source, edge.target, {
        weight: edge.weight,
        types: [edge.type],
        size: edgeSize(edge.weight),
        color: EDGE_COLOR,
      });
    }
  }
}

/** Where a community label goes, and how many visible entities the community has. */
export interface CommunityCentre {
  id: number;
  x: number;
  y: number;
  count: number;
}

/**
 * Label positions: for each community with at least `minNodes` visible entities, the grid cell where it is both
 * dense and dominant (count² / cell total), refined to the mean of its nodes in that cell and the eight around it.
 * A plain centroid would put every spread-out community in the middle of the map, on top of each other.
 */
export function communityCentres(
  graph: DisplayGraph,
  hidden: ReadonlySet<string>,
  minNodes = 3,
  grid = 10,
): CommunityCentre[] {
  const nodes: { c: number; x: number; y: number }[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind !== 'paper' && !hidden.has(node)) nodes.push({ c: a.community, x: a.x, y: a.y });
  });
  if (nodes.length === 0) return [];
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const w = Math.max(Math.max(...xs) - x0, 1e-9);
  const hgt = Math.max(Math.max(...ys) - y0, 1e-9);
  const cellOf = (n: { x: number; y: number }): [number, number] => [
    Math.min(grid - 1, Math.floor(((n.x - x0) / w) * grid)),
    Math.min(grid - 1, Math.floor(((n.y - y0) / hgt) * grid)),
  ];
  const totals = new Map<string, number>();
  const perCommunity = new Map<number, Map<string, number>>();
  const sizes = new Map<number, number>();
  for (const n of nodes) {
    const key = cellOf(n).join(',');
    totals.set(key, (totals.get(key) ?? 0) + 1);
    const cells = perCommunity.get(n.c) ?? new Map<string, number>();
    cells.set(key, (cells.get(key) ?? 0) + 1);
    perCommunity.set(n.c, cells);
    sizes.set(n.c, (sizes.get(n.c) ?? 0) + 1);
  }
  const out: CommunityCentre[] = [];
  for (const [community, cells] of perCommunity) {
    const count = sizes.get(community) ?? 0;
    if (count < minNodes) continue;
    let best = '';
    let bestScore = -1;
    for (const [key, c] of cells) {
      const score = (c * c) / (totals.get(key) ?? 1);
      if (score > bestScore || (score === bestScore && key < best)) {
        best = key;
        bestScore = score;
      }
    }
    const [bx, by] = best.split(',').map(Number) as [number, number];
    let sx = 0;
    let sy = 0;
    let k = 0;
    for (const n of nodes) {
      if (n.c !== community) continue;
      const [cx, cy] = cellOf(n);
      if (Math.abs(cx - bx) <= 1 && Math.abs(cy - by) <= 1) {
        sx += n.x;
        sy += n.y;
        k += 1;
      }
    }
    out.push({ id: community, x: sx / k, y: sy / k, count });
  }
  return out.sort((a, b) => b.count - a.count || a.id - b.id);
}
