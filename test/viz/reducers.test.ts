// Reducers: filters hide, hover lights a neighbourhood and dims the rest, and the input data is never modified.
import { describe, expect, it } from 'vitest';
import { DIM_COLOR } from '../../viz/app/palette.js';
import { createEdgeReducer, createNodeReducer, LIT_EDGE_COLOR, neighbourhood, type HighlightState } from '../../viz/app/reducers.js';

const edges: Record<string, [string, string]> = { ab: ['a', 'b'], bc: ['b', 'c'], cd: ['c', 'd'] };
const neighbours = (n: string): string[] => Object.values(edges).flatMap(([s, t]) => (s === n ? [t] : t === n ? [s] : []));
const node = { label: 'A', color: '#e6194b', size: 5, x: 0, y: 0 };

describe('reducers', () => {
  it('hide filtered nodes and their edges, but never the selected node', () => {
    const state: HighlightState = { hidden: new Set(['c']) };
    const nodeReducer = createNodeReducer(() => state);
    const edgeReducer = createEdgeReducer(() => state, (e) => edges[e]!);
    expect(nodeReducer('c', node).hidden).toBe(true);
    expect(nodeReducer('a', node).hidden).toBeUndefined();
    expect(edgeReducer('bc', { size: 1 }).hidden).toBe(true);
    expect(edgeReducer('ab', { size: 1 }).hidden).toBeUndefined();
    const selected: HighlightState = { hidden: new Set(['c']), selected: 'c' };
    expect(createNodeReducer(() => selected)('c', node).hidden).toBeUndefined();
  });

  it('hover lights the node and its neighbours and dims the rest', () => {
    const state: HighlightState = { hidden: new Set(), center: 'b', lit: neighbourhood('b', neighbours) };
    const nodeReducer = createNodeReducer(() => state);
    const edgeReducer = createEdgeReducer(() => state, (e) => edges[e]!);
    expect(nodeReducer('b', node)).toMatchObject({ highlighted: true, forceLabel: true, zIndex: 2 });
    expect(nodeReducer('a', node)).toMatchObject({ color: '#e6194b', zIndex: 1 });
    expect(nodeReducer('d', node)).toMatchObject({ color: DIM_COLOR, label: null, zIndex: 0 });
    expect(edgeReducer('ab', { size: 1 }).color).toBe(LIT_EDGE_COLOR);
    expect(edgeReducer('cd', { size: 1 }).hidden).toBe(true);
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
