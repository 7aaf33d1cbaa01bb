/** Sigma reducers: filters, hover and selection decide how each node and edge is drawn; the graph is never touched. */
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { DIM_COLOR } from './palette.js';

/** What the reducers read; the app replaces it and calls `sigma.refresh({ skipIndexation: true })`. */
export interface HighlightState {
  /** Nodes the filters hide. */
  hidden: ReadonlySet<string>;
  /** The node whose neighbourhood is lit (hovered, else selected). */
  center?: string;
  /** The center and its neighbours. */
  lit?: ReadonlySet<string>;
  /** The selected node (always drawn, even when a filter would hide it). */
  selected?: string;
  /** Nodes drawn even when a filter hides them: the working set and the path (focus.ts). */
  forced?: ReadonlySet<string>;
  /** When set, the only edges drawn (lit): a path's or a working set's; otherwise the center's edges into `lit`. */
  litEdges?: ReadonlySet<string>;
  /** Sizes replacing the nodes' own: their papers within a date range (timeline.ts). */
  sizes?: ReadonlyMap<string, number>;
  /** Colours replacing the nodes' own: the mean year of their papers (timeline.ts). */
  colors?: ReadonlyMap<string, string>;
}

/** Neighbours a hover or a selection lights: the strongest by edge weight, so a hub does not light half the map. */
export const TOP_NEIGHBOURS = 20;

/**
 * The node and its `k` strongest neighbours by edge weight (ties by key, so the choice is stable); `edges` lists the
 * node's edges as [neighbour, weight] pairs.
 */
export function strongestNeighbourhood(
  node: string,
  edges: Iterable<[string, number]>,
  k: number = TOP_NEIGHBOURS,
): Set<string> {
  const best = new Map<string, number>();
  for (const [other, weight] of edges) if (other !== node) best.set(other, Math.max(best.get(other) ?? 0, weight));
  const ranked = [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Set([node, ...ranked.slice(0, k).map(([other]) => other)]);
}

/** The node and its neighbours. */
export function neighbourhood(node: string, neighbours: (node: string) => string[]): Set<string> {
  return new Set([node, ...neighbours(node)]);
}

/** Drawing layers, bottom to top: faded, plain, lit by hover or selection, the hovered or selected node itself. */
export const LAYER = { faded: 0, plain: 1, lit: 2, centre: 3 } as const;

/** A node's zIndex: its layer, then its size, so a bigger node is drawn over a smaller one and a click on it hits it. */
export function zIndexOf(layer: number, size: number | undefined): number {
  return layer * 100_000 + Math.min(Math.max(0, size ?? 0), 99_999);
}

/**
 * Builds the node reducer over a state getter; `labelled` says which nodes the label planner gave a label in this
 * view (sigma's own label grid is off, so only these, and the hovered or selected node, carry one).
 */
export function createNodeReducer(state: () => HighlightState, labelled: (node: string) => boolean = () => false) {
  return (node: string, data: Partial<NodeDisplayData>): Partial<NodeDisplayData> => {
    const s = state();
    if (s.hidden.has(node) && node !== s.selected && !s.forced?.has(node)) return { ...data, hidden: true };
    const size = s.sizes?.get(node) ?? data.size;
    const out: Partial<NodeDisplayData> = { ...data, size, zIndex: zIndexOf(LAYER.plain, size) };
    const color = s.colors?.get(node);
    if (color) out.color = color;
    if (labelled(node)) out.forceLabel = true;
    if (s.lit) {
      if (!s.lit.has(node)) {
        out.color = DIM_COLOR;
        out.label = null;
        out.forceLabel = false;
        out.zIndex = zIndexOf(LAYER.faded, size);
        if ((data as { borderColor?: string }).borderColor) (out as { borderColor?: string }).borderColor = DIM_COLOR;
      } else {
        out.zIndex = zIndexOf(LAYER.lit, size);
      }
    }
    if (node === s.center || node === s.selected) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = zIndexOf(LAYER.centre, size);
    }
    return out;
  };
}

/** Colour of an edge lit by hover or selection. */
export const LIT_EDGE_COLOR = '#8a919c';

/** Builds the edge reducer; `extremities` gives an edge's two ends. */
export function createEdgeReducer(state: () => HighlightState, extremities: (edge: string) => [string, string]) {
  return (edge: string, data: Partial<EdgeDisplayData>): Partial<EdgeDisplayData> => {
    const s = state();
    const [a, b] = extremities(edge);
    const shown = (n: string): boolean => !s.hidden.has(n) || n === s.selected || (s.forced?.has(n) ?? false);
    if (!shown(a) || !shown(b)) return { ...data, hidden: true };
    if (s.litEdges) {
      if (!s.litEdges.has(edge)) return { ...data, hidden: true };
      return { ...data, color: LIT_EDGE_COLOR, zIndex: 1 };
    }
    if (s.center !== undefined) {
      if (a !== s.center && b !== s.center) return { ...data, hidden: true };
      // Only the edges to the lit (strongest) neighbours.
      if (s.lit && (!s.lit.has(a) || !s.lit.has(b))) return { ...data, hidden: true };
      return { ...data, color: LIT_EDGE_COLOR, zIndex: 1 };
    }
    return data;
  };
}
