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
}

/** Neighbours get their label forced only when there are this few, else labels would pile up. */
export const MAX_FORCED_LABELS = 25;

/** The node and its neighbours. */
export function neighbourhood(node: string, neighbours: (node: string) => string[]): Set<string> {
  return new Set([node, ...neighbours(node)]);
}

/** Builds the node reducer over a state getter. */
export function createNodeReducer(state: () => HighlightState) {
  return (node: string, data: Partial<NodeDisplayData>): Partial<NodeDisplayData> => {
    const s = state();
    if (s.hidden.has(node) && node !== s.selected) return { ...data, hidden: true };
    const out: Partial<NodeDisplayData> = { ...data };
    if (s.lit) {
      if (!s.lit.has(node)) {
        out.color = DIM_COLOR;
        out.label = null;
        out.zIndex = 0;
        if ((data as { borderColor?: string }).borderColor) (out as { borderColor?: string }).borderColor = DIM_COLOR;
      } else {
        out.zIndex = 1;
        if (s.lit.size <= MAX_FORCED_LABELS + 1) out.forceLabel = true;
      }
    }
    if (node === s.center || node === s.selected) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
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
    const shown = (n: string): boolean => !s.hidden.has(n) || n === s.selected;
    if (!shown(a) || !shown(b)) return { ...data, hidden: true };
    if (s.center !== undefined) {
      if (a !== s.center && b !== s.center) return { ...data, hidden: true };
      return { ...data, color: LIT_EDGE_COLOR, zIndex: 1 };
    }
    return data;
  };
}
