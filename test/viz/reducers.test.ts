// Reducers: filters hide, hover lights a neighbourhood and dims the rest, and the input data is never modified.
import { describe, expect, it } from 'vitest';
import { DIM_COLOR } from '../../viz/app/palette.js';
import {
  createEdgeReducer,
  createNodeReducer,
  LIT_EDGE_COLOR,
  neighbourhood,
  type HighlightState,
} from '../../viz/app/reducers.js';
import { DEFAULT_FILTERS, hiddenNodes, type FilterableNode } from '../../viz/app/state.js';

const edges: Record<string, [string, string]> = { ab: ['a', 'b'], bc: ['b', 'c'], cd: ['c', 'd'] };
const neighbours = (n: string): string[] =>
  Object.values(edges).flatMap(([s, t]) => (s === n ? [t] : t === n ? [s] : []));
const node = { label: 'A', color: '#e6194b', size: 5, x: 0, y: 0 };

describe('reducers', () => {
  it('hide filtered nodes and their edges, but never the selected node', () => {
    const state: HighlightState = { hidden: new Set(['c']) };
    const nodeReducer = createNodeReducer(() => state);
    const edgeReducer = createEdgeReducer(
      () => state,
      (e) => edges[e]!,
    );
    expect(nodeReducer('c', node).hidden).toBe(true);
    expect(nodeReducer('a', node).hidden).toBeUndefined();
    expect(edgeReducer('bc', { size: 1 }).hidden).toBe(true);
    expect(edgeReducer('ab', { size: 1 }).hidden).toBeUndefined();
    const selected: HighlightState = { hidden: new Set(['c']), selected: 'c' };
    expect(createNodeReducer(() => selected)('c', node).hidden).toBeUndefined();
  });

  it('hide umbrella entities and their edges until the switch is on', () => {
    // "c" is an umbrella term ("features"); "d" has no score (an older snapshot) and stays.
    const attributes: Record<string, FilterableNode> = {
      a: { kind: 'method', community: 0, paperCount: 4, specificity: 0.9 },
      b: { kind: 'task', community: 0, paperCount: 2, specificity: 0.7 },
      c: { kind: 'concept', community: 0, paperCount: 30, specificity: 0.2 },
      d: { kind: 'concept', community: 0, paperCount: 1 },
    };
    let state: HighlightState = { hidden: hiddenNodes(Object.entries(attributes), DEFAULT_FILTERS, 0.5) };
    const nodeReducer = createNodeReducer(() => state);
    const edgeReducer = createEdgeReducer(
      () => state,
      (e) => edges[e]!,
    );
    expect(['a', 'b', 'c', 'd'].filter((n) => nodeReducer(n, node).hidden)).toEqual(['c']);
    expect(['ab', 'bc', 'cd'].filter((e) => edgeReducer(e, { size: 1 }).hidden)).toEqual(['bc', 'cd']);
    state = { hidden: hiddenNodes(Object.entries(attributes), { ...DEFAULT_FILTERS, umbrella: true }, 0.5) };
    expect(['a', 'b', 'c', 'd'].filter((n) => nodeReducer(n, node).hidden)).toEqual([]);
    expect(['ab', 'bc', 'cd'].filter((e) => edgeReducer(e, { size: 1 }).hidden)).toEqual([]);
    // A selected umbrella term (picked in search) is drawn with the switch off.
    state = { hidden: hiddenNodes(Object.entries(attributes), DEFAULT_FILTERS, 0.5), selected: 'c' };
    expect(nodeReducer('c', node).hidden).toBeUndefined();
  });

  it('hover lights the node and its neighbours and dims the rest', () => {
    const state: HighlightState = { hidden: new Set(), center: 'b', lit: neighbourhood('b', neighbours) };
    const nodeReducer = createNodeReducer(() => state);
    const edgeReducer = createEdgeReducer(
      () => state,
      (e) => edges[e]!,
    );
    const centre = nodeReducer('b', node);
    const lit = nodeReducer('a', node);
    const dimmed = nodeReducer('d', node);
    expect(centre).toMatchObject({ highlighted: true, forceLabel: true });
    expect(lit).toMatchObject({ color: '#e6194b' });
    expect(dimmed).toMatchObject({ color: DIM_COLOR, label: null, forceLabel: false });
    // Drawn bottom to top: faded, lit, the centre; a big faded node stays under a small lit one.
    expect(nodeReducer('d', { ...node, size: 80 }).zIndex!).toBeLessThan(lit.zIndex!);
    expect(nodeReducer('a', { ...node, size: 80 }).zIndex!).toBeLessThan(centre.zIndex!);
    expect(edgeReducer('ab', { size: 1 }).color).toBe(LIT_EDGE_COLOR);
    expect(edgeReducer('cd', { size: 1 }).hidden).toBe(true);
  });

  it('draw bigger nodes over smaller ones, so a click on a hub hits the hub', () => {
    const nodeReducer = createNodeReducer(() => ({ hidden: new Set() }));
    expect(nodeReducer('a', { ...node, size: 12 }).zIndex!).toBeGreaterThan(
      nodeReducer('b', { ...node, size: 3 }).zIndex!,
    );
  });

  it('force the labels the planner chose, and no other', () => {
    const nodeReducer = createNodeReducer(
      () => ({ hidden: new Set() }),
      (n) => n === 'a',
    );
    expect(nodeReducer('a', node).forceLabel).toBe(true);
    expect(nodeReducer('b', node).forceLabel).toBeUndefined();
  });

  it('return new objects and leave the data alone', () => {
    const data = { ...node };
    const frozen = Object.freeze({ ...node });
    const state: HighlightState = { hidden: new Set(), center: 'x', lit: new Set(['x']) };
    const out = createNodeReducer(() => state)('a', frozen);
    expect(out).not.toBe(frozen);
    expect(frozen).toEqual(data);
  });
});
